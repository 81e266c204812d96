//! A content-stream lexer: bytes in, `lopdf` operations out.
//!
//! It replaces `lopdf::content::Content::decode`, whose parser-combinator implementation took
//! most of the extraction time on real filings (about 60% of `process_stream`). This one reads
//! the stream in one pass with no backtracking, and it is lenient where lopdf gives up: a byte
//! that starts no token is skipped, a malformed number is dropped, and the operations after it
//! are still read (lopdf returned the operations before the first error, or failed outright on
//! a bad inline image).

use std::convert::TryFrom;

use lopdf::content::Operation;
use lopdf::{Dictionary, Object, StringFormat};

/// Arrays and dictionaries nested deeper than this are skipped whole.
const MAX_DEPTH: usize = 64;

/// The operations of a content stream, in order, read as they are asked for (a stream can
/// hold tens of millions of them).
pub fn decode(data: &[u8]) -> Operations<'_> {
    Operations {
        lx: Lexer { data, pos: 0 },
        operands: Vec::new(),
    }
}

pub struct Operations<'a> {
    lx: Lexer<'a>,
    operands: Vec<Object>,
}

impl Iterator for Operations<'_> {
    type Item = Operation;

    fn next(&mut self) -> Option<Operation> {
        let lx = &mut self.lx;
        let operands = &mut self.operands;
        loop {
            lx.skip_space();
            let c = lx.peek()?;
            if starts_object(c) {
                // Every object consumes input, even a malformed one (which is dropped).
                if let Some(o) = lx.object(0) {
                    operands.push(o);
                }
                continue;
            }
            if is_delimiter(c) {
                lx.pos += 1; // a stray `)`, `>`, `]`, `{` or `}`
                continue;
            }
            let word = lx.word();
            match word {
                b"true" => operands.push(Object::Boolean(true)),
                b"false" => operands.push(Object::Boolean(false)),
                b"null" => operands.push(Object::Null),
                b"BI" => {
                    operands.clear();
                    return Some(lx.inline_image());
                }
                // An operator short of operands (read from a damaged stream) is dropped: the
                // interpreter indexes operands without checking.
                _ if operands.len() < arity(word) => operands.clear(),
                _ => {
                    return Some(Operation {
                        operator: String::from_utf8_lossy(word).into_owned(),
                        operands: std::mem::take(operands),
                    })
                }
            }
        }
    }
}

/// How many operands a PDF operator takes at least (0 for the variable ones and for words that
/// are no operator).
fn arity(op: &[u8]) -> usize {
    match op {
        b"c" | b"cm" | b"d1" | b"Tm" => 6,
        b"K" | b"k" | b"re" | b"v" | b"y" => 4,
        b"RG" | b"rg" | b"\"" => 3,
        b"BDC" | b"d" | b"d0" | b"DP" | b"l" | b"m" | b"Td" | b"TD" | b"Tf" => 2,
        b"BMC" | b"CS" | b"cs" | b"Do" | b"G" | b"g" | b"gs" | b"i" | b"j" | b"J" | b"M"
        | b"MP" | b"ri" | b"sh" | b"Tc" | b"Tj" | b"TJ" | b"TL" | b"Tr" | b"Ts" | b"Tw" | b"Tz"
        | b"w" | b"'" => 1,
        _ => 0,
    }
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_space(c) && !is_delimiter(c)
}

fn starts_object(c: u8) -> bool {
    matches!(
        c,
        b'/' | b'(' | b'<' | b'[' | b'0'..=b'9' | b'+' | b'-' | b'.'
    )
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Whether `token` starts here, a word ending where it does (`ID`, not `IDX`).
    fn at(&self, token: &[u8]) -> bool {
        self.data[self.pos..].starts_with(token)
            && (!token[0].is_ascii_alphabetic()
                || self
                    .data
                    .get(self.pos + token.len())
                    .is_none_or(|&c| !is_regular(c)))
    }

    /// Skips white space and comments.
    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A run of regular characters: an operator, a keyword or a number.
    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        if self.pos == start {
            self.pos += 1; // never stall
        }
        &self.data[start..self.pos]
    }

    /// The object starting here; `None` (with the input consumed) when it is malformed.
    fn object(&mut self, depth: usize) -> Option<Object> {
        match self.peek()? {
            b'/' => {
                self.pos += 1;
                Some(Object::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Some(Object::String(self.literal_string(), StringFormat::Literal))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                self.dictionary(depth + 1, b">>").map(Object::Dictionary)
            }
            b'<' => {
                self.pos += 1;
                Some(Object::String(self.hex_string(), StringFormat::Hexadecimal))
            }
            b'[' => {
                self.pos += 1;
                self.array(depth + 1).map(Object::Array)
            }
            _ => {
                let word = self.word();
                match word {
                    b"true" => Some(Object::Boolean(true)),
                    b"false" => Some(Object::Boolean(false)),
                    b"null" => Some(Object::Null),
                    _ => number(word),
                }
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(c) = self.peek().filter(|&c| is_regular(c)) {
            self.pos += 1;
            if c == b'#' {
                let hi = self.data.get(self.pos).copied().and_then(hex_value);
                let lo = self.data.get(self.pos + 1).copied().and_then(hex_value);
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push(hi << 4 | lo);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    /// After the `(`: up to the balancing `)`, escapes decoded.
    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut open = 0usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    open += 1;
                    out.push(c);
                }
                b')' if open == 0 => break,
                b')' => {
                    open -= 1;
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(b'\x08'),
                        b'f' => out.push(b'\x0C'),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        // A line continuation: the escaped end of line is dropped.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        _ => out.push(e),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// After the `<`: hex digits up to `>`, white space and stray bytes ignored; an odd last
    /// digit is followed by a 0.
    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_value(c) {
                match high.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// After the `[`: objects up to `]`. A word that is no object (an operator, so the `]` is
    /// missing) ends the array and is left for the caller.
    fn array(&mut self, depth: usize) -> Option<Vec<Object>> {
        if depth > MAX_DEPTH {
            self.skip_nested(b'[', b']');
            return None;
        }
        let mut items = Vec::new();
        loop {
            self.skip_space();
            let c = self.peek()?;
            if c == b']' {
                self.pos += 1;
                return Some(items);
            }
            if starts_object(c) {
                if let Some(o) = self.object(depth) {
                    items.push(o);
                }
            } else if is_delimiter(c) {
                self.pos += 1;
            } else {
                let start = self.pos;
                match self.word() {
                    b"true" => items.push(Object::Boolean(true)),
                    b"false" => items.push(Object::Boolean(false)),
                    b"null" => items.push(Object::Null),
                    _ => {
                        self.pos = start;
                        return Some(items);
                    }
                }
            }
        }
    }

    /// After the `<<` (or `BI`): `/Key value` pairs up to `end` (`>>`, or the word `ID`).
    fn dictionary(&mut self, depth: usize, end: &[u8]) -> Option<Dictionary> {
        if depth > MAX_DEPTH {
            self.skip_nested(b'<', b'>');
            return None;
        }
        let mut dict = Dictionary::new();
        loop {
            self.skip_space();
            let c = self.peek()?;
            if self.at(end) {
                self.pos += end.len();
                return Some(dict);
            }
            if c != b'/' {
                // Not a key: skip the token.
                if is_regular(c) {
                    self.word();
                } else {
                    self.pos += 1;
                }
                continue;
            }
            self.pos += 1;
            let key = self.name();
            self.skip_space();
            match self.peek() {
                Some(c) if starts_object(c) => {
                    if let Some(value) = self.object(depth) {
                        dict.set(key, value);
                    }
                }
                Some(c) if is_regular(c) => {
                    let start = self.pos;
                    match self.word() {
                        b"true" => dict.set(key, Object::Boolean(true)),
                        b"false" => dict.set(key, Object::Boolean(false)),
                        b"null" => dict.set(key, Object::Null),
                        w if w == end => {
                            self.pos = start;
                        }
                        // An inline image abbreviation such as `/CS /RGB` is a name; any
                        // other bare word is kept as a name too.
                        w => dict.set(key, Object::Name(w.to_vec())),
                    }
                }
                _ => {}
            }
        }
    }

    /// Skips a structure nested too deep, counting `open` and `close` bytes.
    fn skip_nested(&mut self, open: u8, close: u8) {
        let mut level = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == open {
                level += 1;
            } else if c == close {
                level -= 1;
                if level == 0 {
                    return;
                }
            }
        }
    }

    /// After `BI`: the image dictionary, `ID`, the data and `EI`. The data is skipped: by its
    /// size when the dictionary gives it and no filter, else up to an `EI` between white space.
    fn inline_image(&mut self) -> Operation {
        let dict = self.dictionary(1, b"ID").unwrap_or_default();
        // One white-space byte separates `ID` from the data.
        if self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
        let data_start = self.pos;
        if let Some(len) = inline_image_len(&dict) {
            let after = data_start.saturating_add(len);
            let mut at = after;
            while self.data.get(at).copied().is_some_and(is_space) {
                at += 1;
            }
            if self.data.get(at..at + 2) == Some(b"EI")
                && self.data.get(at + 2).is_none_or(|&c| !is_regular(c))
            {
                self.pos = at + 2;
                return Operation {
                    operator: "BI".into(),
                    operands: Vec::new(),
                };
            }
        }
        let mut at = data_start;
        self.pos = loop {
            match memchr_ei(&self.data[at..]) {
                Some(i) => {
                    let ei = at + i;
                    let before = ei == data_start || is_space(self.data[ei - 1]);
                    let after = self.data.get(ei + 2).is_none_or(|&c| !is_regular(c));
                    if before && after {
                        break ei + 2;
                    }
                    at = ei + 1;
                }
                None => break self.data.len(),
            }
        };
        Operation {
            operator: "BI".into(),
            operands: Vec::new(),
        }
    }
}

/// Where `EI` first occurs in `data`.
fn memchr_ei(data: &[u8]) -> Option<usize> {
    data.windows(2).position(|w| w == b"EI")
}

/// The byte size of an unfiltered inline image, from its dictionary.
fn inline_image_len(dict: &Dictionary) -> Option<usize> {
    let get = |short: &[u8], long: &[u8]| dict.get(short).or_else(|_| dict.get(long)).ok();
    if get(b"F", b"Filter").is_some() {
        return None;
    }
    let int = |o: Option<&Object>| {
        o.and_then(|o| o.as_i64().ok())
            .and_then(|v| usize::try_from(v).ok())
    };
    let width: usize = int(get(b"W", b"Width"))?;
    let height = int(get(b"H", b"Height"))?;
    let mask = matches!(get(b"IM", b"ImageMask"), Some(Object::Boolean(true)));
    let (colors, bpc): (usize, usize) = if mask {
        (1, 1)
    } else {
        let colors = match get(b"CS", b"ColorSpace")?.as_name().ok()? {
            b"DeviceGray" | b"G" | b"Gray" => 1,
            b"DeviceRGB" | b"RGB" => 3,
            b"DeviceCMYK" | b"CMYK" => 4,
            _ => return None,
        };
        (colors, int(get(b"BPC", b"BitsPerComponent"))?)
    };
    width
        .checked_mul(colors * bpc)?
        .div_ceil(8)
        .checked_mul(height)
}

/// A number token: an integer, else a real; `None` when malformed.
fn number(word: &[u8]) -> Option<Object> {
    let s = std::str::from_utf8(word).ok()?;
    if !s.contains(['.', 'e', 'E']) {
        if let Ok(i) = s.parse::<i64>() {
            return Some(Object::Integer(i));
        }
    }
    if s.contains(['e', 'E']) {
        return None; // PDF numbers have no exponent
    }
    s.parse::<f64>().ok().map(|f| Object::Real(f as f32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Object>)> {
        decode(data)
            .into_iter()
            .map(|o| (o.operator, o.operands))
            .collect()
    }

    #[test]
    fn operators_and_operands() {
        let got =
            ops(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (Hi \\(x\\)\\101) Tj [(a) -120 (b)] TJ ET");
        assert_eq!(got[1].0, "Tf");
        assert_eq!(
            got[1].1,
            vec![Object::Name(b"F1".to_vec()), Object::Integer(12)]
        );
        assert_eq!(got[2].1[4], Object::Real(72.5));
        assert_eq!(got[2].1[5], Object::Real(-0.5));
        assert_eq!(
            got[3].1,
            vec![Object::String(b"Hi (x)A".to_vec(), StringFormat::Literal)]
        );
        assert_eq!(got[4].0, "TJ");
        assert_eq!(got.len(), 6);
    }

    #[test]
    fn strings_names_and_dictionaries() {
        let got = ops(b"<48 65 6c6>Tj /Span<</ActualText(x)/MCID 3>>BDC /A#20B Do (a\\\nb(c)) Tj");
        assert_eq!(
            got[0].1,
            vec![Object::String(
                b"Hel\x60".to_vec(),
                StringFormat::Hexadecimal
            )]
        );
        assert_eq!(got[1].0, "BDC");
        let Object::Dictionary(d) = &got[1].1[1] else {
            panic!("{:?}", got[1])
        };
        assert_eq!(d.get(b"MCID").unwrap(), &Object::Integer(3));
        assert_eq!(got[2].1, vec![Object::Name(b"A B".to_vec())]);
        assert_eq!(
            got[3].1,
            vec![Object::String(b"ab(c)".to_vec(), StringFormat::Literal)]
        );
    }

    #[test]
    fn inline_images_are_skipped() {
        let got =
            ops(b"q BI /W 2 /H 1 /CS /G /BPC 8 ID \x45\x49 EI Q BI /F /AHx ID 0a0b> EI (x) Tj");
        let names: Vec<_> = got.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["q", "BI", "Q", "BI", "Tj"]);
    }

    #[test]
    fn garbage_is_skipped_and_reading_goes_on() {
        let got = ops(b"% comment\n1.2.3 ) ] } BT 0 0 Td\x0c(a) Tj [ (b) Tj ET");
        let names: Vec<_> = got.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["BT", "Td", "Tj", "Tj", "ET"]);
        assert_eq!(got[1].1, vec![Object::Integer(0), Object::Integer(0)]);
        // An unclosed array ends at the operator that follows it.
        assert_eq!(
            got[3].1,
            vec![Object::Array(vec![Object::String(
                b"b".to_vec(),
                StringFormat::Literal
            )])]
        );
    }

    #[test]
    fn operators_short_of_operands_are_dropped() {
        let got = ops(b"Tj 12 Tf /F1 12 Tf cm (x) Tj");
        let names: Vec<_> = got.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["Tf", "Tj"]);
    }

    #[test]
    fn deep_nesting_and_truncation_end_cleanly() {
        let mut deep = vec![b'['; 100_000];
        deep.extend_from_slice(b" (x) Tj");
        let _ = ops(&deep);
        for cut in [
            b"(abc".as_slice(),
            b"<41",
            b"<< /A",
            b"[1 2",
            b"/",
            b"BI /W 1 ID",
        ] {
            let _ = ops(cut);
        }
    }
}
