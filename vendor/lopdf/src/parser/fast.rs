//! tokenlens: a hand-written parser for direct objects and dictionaries, with the grammar of the
//! nom parsers it replaces (`_direct_objects`, `_dictionary`), byte for byte: the same objects
//! from the same input, the same input consumed, and an error where they fail. Loading a PDF
//! parses every object in it, and the combinator version took about half the load time of
//! tagged filings with tens of thousands of small objects.

use super::{NomError, NomResult};
use crate::{Dictionary, Object, StringFormat};
use nom::error::{ErrorKind, ParseError};

/// Why parsing stopped: `Error` lets an alternative be tried; `Failure` (too deep) does not.
enum Fail {
    Error,
    Failure,
}

type Parsed<T> = Result<T, Fail>;

fn to_nom<T>(input: &[u8], fail: Fail) -> NomResult<'_, T> {
    let e = NomError::from_error_kind(input, ErrorKind::Alt);
    Err(match fail {
        Fail::Error => nom::Err::Error(e),
        Fail::Failure => nom::Err::Failure(e),
    })
}

/// `_direct_objects(depth)`: one object, no space before or after it consumed.
pub(crate) fn direct_objects(input: &[u8], depth: usize) -> NomResult<'_, Object> {
    let mut p = Parser { s: input, i: 0 };
    match p.objects(depth) {
        Ok(o) => Ok((&input[p.i..], o)),
        Err(f) => to_nom(input, f),
    }
}

/// `_dictionary(depth)`: `<< ... >>`.
pub(crate) fn dictionary(input: &[u8], depth: usize) -> NomResult<'_, Dictionary> {
    let mut p = Parser { s: input, i: 0 };
    match p.dictionary(depth) {
        Ok(d) => Ok((&input[p.i..], d)),
        Err(f) => to_nom(input, f),
    }
}

fn is_whitespace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(c: u8) -> bool {
    !is_whitespace(c) && !is_delimiter(c)
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn at(&self, token: &[u8]) -> bool {
        self.s[self.i..].starts_with(token)
    }

    /// The end of a line break at `at` (`\r\n`, `\n` or `\r`), if there is one.
    fn eol_end(&self, at: usize) -> Option<usize> {
        match self.s.get(at) {
            Some(b'\r') if self.s.get(at + 1) == Some(&b'\n') => Some(at + 2),
            Some(b'\r') | Some(b'\n') => Some(at + 1),
            _ => None,
        }
    }

    /// `space`: white space and comments (a comment ends with a line break, or is no comment).
    fn space(&mut self) {
        loop {
            while self.peek().is_some_and(is_whitespace) {
                self.i += 1;
            }
            if self.peek() != Some(b'%') {
                return;
            }
            let mut j = self.i + 1;
            while self.s.get(j).is_some_and(|&c| c != b'\r' && c != b'\n') {
                j += 1;
            }
            match self.eol_end(j) {
                Some(end) => self.i = end,
                None => return,
            }
        }
    }

    fn digits(&self, from: usize) -> usize {
        let mut j = from;
        while self.s.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    }

    /// `_direct_objects(depth)`, in its order: null, boolean, reference, real, integer, name,
    /// literal string, hexadecimal string, array, dictionary.
    fn objects(&mut self, depth: usize) -> Parsed<Object> {
        let c = self.peek().ok_or(Fail::Error)?;
        match c {
            b'n' if self.at(b"null") => {
                self.i += 4;
                Ok(Object::Null)
            }
            b't' if self.at(b"true") => {
                self.i += 4;
                Ok(Object::Boolean(true))
            }
            b'f' if self.at(b"false") => {
                self.i += 5;
                Ok(Object::Boolean(false))
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                if c.is_ascii_digit() {
                    if let Some(r) = self.reference() {
                        return Ok(r);
                    }
                }
                self.number()
            }
            b'/' => {
                self.i += 1;
                Ok(Object::Name(self.name()))
            }
            b'(' => {
                self.i += 1;
                let s = self.literal(crate::reader::MAX_BRACKET)?;
                Ok(Object::String(s, StringFormat::Literal))
            }
            b'<' if self.at(b"<<") => self.dictionary(depth).map(Object::Dictionary),
            b'<' => self.hex_string(),
            b'[' => self.array(depth).map(Object::Array),
            _ => Err(Fail::Error),
        }
    }

    /// `object_id` then `R`: `12 0 R` (space between them optional, comments allowed).
    fn reference(&mut self) -> Option<Object> {
        let start = self.i;
        let end = self.digits(start);
        let id: u32 = std::str::from_utf8(&self.s[start..end]).ok()?.parse().ok()?;
        self.i = end;
        self.space();
        let g_start = self.i;
        let g_end = self.digits(g_start);
        let generation: Option<u16> = (g_end > g_start)
            .then(|| std::str::from_utf8(&self.s[g_start..g_end]).ok()?.parse().ok())
            .flatten();
        if let Some(generation) = generation {
            self.i = g_end;
            self.space();
            if self.peek() == Some(b'R') {
                self.i += 1;
                return Some(Object::Reference((id, generation)));
            }
        }
        self.i = start;
        None
    }

    /// `real` (`[+-]? (digits . digits* | . digits)`, as f32), else `integer` (`[+-]? digits`).
    fn number(&mut self) -> Parsed<Object> {
        let start = self.i;
        let mut j = start;
        if matches!(self.s.get(j), Some(b'+') | Some(b'-')) {
            j += 1;
        }
        let int_end = self.digits(j);
        if self.s.get(int_end) == Some(&b'.') {
            let frac_end = self.digits(int_end + 1);
            if int_end > j || frac_end > int_end + 1 {
                let text = std::str::from_utf8(&self.s[start..frac_end]).map_err(|_| Fail::Error)?;
                let v: f32 = text.parse().map_err(|_| Fail::Error)?;
                self.i = frac_end;
                return Ok(Object::Real(v));
            }
        }
        if int_end == j {
            return Err(Fail::Error);
        }
        let text = std::str::from_utf8(&self.s[start..int_end]).map_err(|_| Fail::Error)?;
        let v: i64 = text.parse().map_err(|_| Fail::Error)?;
        self.i = int_end;
        Ok(Object::Integer(v))
    }

    /// After the `/`: regular bytes and `#xx` escapes; a `#` without two hex digits ends it.
    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if c == b'#' {
                let hi = self.s.get(self.i + 1).copied().and_then(hex_value);
                let lo = self.s.get(self.i + 2).copied().and_then(hex_value);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        self.i += 3;
                    }
                    _ => break,
                }
            } else if is_regular(c) {
                out.push(c);
                self.i += 1;
            } else {
                break;
            }
        }
        out
    }

    /// After a `(`: the string up to its balancing `)`, which is consumed.
    fn literal(&mut self, depth: usize) -> Parsed<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let c = self.peek().ok_or(Fail::Error)?;
            match c {
                b')' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'(' => {
                    if depth == 0 {
                        return Err(Fail::Error);
                    }
                    self.i += 1;
                    let inner = self.literal(depth - 1)?;
                    out.push(b'(');
                    out.extend_from_slice(&inner);
                    out.push(b')');
                }
                b'\\' => {
                    let e = *self.s.get(self.i + 1).ok_or(Fail::Error)?;
                    self.i += 1;
                    match e {
                        b'0'..=b'7' => {
                            let mut v: u16 = 0;
                            let mut n = 0;
                            while n < 3 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u16::from(d - b'0');
                                        self.i += 1;
                                        n += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' | b'\n' => {
                            self.i = self.eol_end(self.i).expect("a line break");
                        }
                        _ => {
                            self.i += 1;
                            out.push(match e {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => b'\x08',
                                b'f' => b'\x0C',
                                other => other,
                            });
                        }
                    }
                }
                b'\r' | b'\n' => {
                    let end = self.eol_end(self.i).expect("a line break");
                    out.extend_from_slice(&self.s[self.i..end]);
                    self.i = end;
                }
                _ => {
                    let start = self.i;
                    while self
                        .peek()
                        .is_some_and(|c| !matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'))
                    {
                        self.i += 1;
                    }
                    out.extend_from_slice(&self.s[start..self.i]);
                }
            }
        }
    }

    /// `<` hex digits (white space between them) `>`; an odd last digit is followed by 0.
    fn hex_string(&mut self) -> Parsed<Object> {
        let start = self.i;
        self.i += 1;
        let mut out = Vec::new();
        let mut odd = false;
        loop {
            while self.peek().is_some_and(is_whitespace) {
                self.i += 1;
            }
            match self.peek().and_then(hex_value) {
                Some(v) => {
                    if odd {
                        *out.last_mut().expect("a first digit") |= v;
                    } else {
                        out.push(v << 4);
                    }
                    odd = !odd;
                    self.i += 1;
                }
                None => break,
            }
        }
        if self.peek() == Some(b'>') {
            self.i += 1;
            Ok(Object::String(out, StringFormat::Hexadecimal))
        } else {
            self.i = start;
            Err(Fail::Error)
        }
    }

    /// `_direct_object(depth)`: too deep is a failure; else an object and the space after it.
    fn direct_object(&mut self, depth: usize) -> Parsed<Object> {
        if depth == 0 {
            return Err(Fail::Failure);
        }
        let start = self.i;
        match self.objects(depth - 1) {
            Ok(o) => {
                self.space();
                Ok(o)
            }
            Err(f) => {
                self.i = start;
                Err(f)
            }
        }
    }

    /// `[` space, objects, `]`.
    fn array(&mut self, depth: usize) -> Parsed<Vec<Object>> {
        self.i += 1;
        self.space();
        let mut items = Vec::new();
        loop {
            match self.direct_object(depth) {
                Ok(o) => items.push(o),
                Err(Fail::Failure) => return Err(Fail::Failure),
                Err(Fail::Error) => break,
            }
        }
        if self.peek() == Some(b']') {
            self.i += 1;
            Ok(items)
        } else {
            Err(Fail::Error)
        }
    }

    /// `<<` space, `/Key` space value pairs, `>>`.
    fn dictionary(&mut self, depth: usize) -> Parsed<Dictionary> {
        if !self.at(b"<<") {
            return Err(Fail::Error);
        }
        self.i += 2;
        self.space();
        let mut dict = Dictionary::new();
        loop {
            if self.peek() != Some(b'/') {
                break;
            }
            let start = self.i;
            self.i += 1;
            let key = self.name();
            self.space();
            match self.direct_object(depth) {
                Ok(value) => dict.set(key, value),
                Err(Fail::Failure) => return Err(Fail::Failure),
                Err(Fail::Error) => {
                    self.i = start;
                    break;
                }
            }
        }
        if self.at(b">>") {
            self.i += 2;
            Ok(dict)
        } else {
            Err(Fail::Error)
        }
    }
}

#[cfg(test)]
mod tests {
    //! The nom parsers this replaces, kept here to compare against.
    use super::super::*;

    fn nom_objects(depth: usize) -> impl Fn(ParserInput) -> NomResult<Object> {
        move |input| {
            alt((
                null,
                boolean,
                reference,
                map(real, Object::Real),
                map(integer, Object::Integer),
                map(name, Object::Name),
                map(literal_string, Object::string_literal),
                hexadecimal_string,
                map(nom_array(depth), Object::Array),
                map(nom_dictionary(depth), Object::Dictionary),
            ))
            .parse(input)
        }
    }

    fn nom_object(depth: usize) -> impl Fn(ParserInput) -> NomResult<Object> {
        move |input| {
            if depth == 0 {
                return Err(nom::Err::Failure(NomError::from_error_kind(input, ErrorKind::TooLarge)));
            }
            terminated(nom_objects(depth - 1), space).parse(input)
        }
    }

    fn nom_array(depth: usize) -> impl Fn(ParserInput) -> NomResult<Vec<Object>> {
        move |input| delimited(pair(tag(&b"["[..]), space), many0(nom_object(depth)), tag(&b"]"[..])).parse(input)
    }

    fn nom_dictionary(depth: usize) -> impl Fn(ParserInput) -> NomResult<Dictionary> {
        move |input| {
            delimited(
                pair(tag(&b"<<"[..]), space),
                fold_many0(
                    pair(terminated(name, space), nom_object(depth)),
                    Dictionary::new,
                    |mut dict, (key, value)| {
                        dict.set(key, value);
                        dict
                    },
                ),
                tag(&b">>"[..]),
            )
            .parse(input)
        }
    }

    /// Same object and rest, or both an error of the same kind.
    fn same(input: &[u8], depth: usize) {
        let ours = super::direct_objects(input, depth);
        let theirs = nom_objects(depth)(input);
        let show = |r: &NomResult<Object>| match r {
            Ok((rest, o)) => format!("ok {o:?} rest {rest:?}"),
            Err(nom::Err::Error(_)) => "error".to_string(),
            Err(nom::Err::Failure(_)) => "failure".to_string(),
            Err(nom::Err::Incomplete(_)) => "incomplete".to_string(),
        };
        assert_eq!(show(&ours), show(&theirs), "input {:?}", String::from_utf8_lossy(input));
    }

    #[test]
    fn same_as_the_nom_parser_on_every_form() {
        let cases: &[&[u8]] = &[
            b"null", b"nullx", b"true", b"false", b"fals", b"12 0 R", b"12 0R", b"12 0 obj",
            b"12%c\n0%d\nR", b"12 %c", b"4294967296 0 R", b"1 65536 R", b"1.5", b"-.5", b"+.5",
            b"5.", b"-5", b"+5", b"1.2.3", b"--1", b"-", b".", b"+", b"99999999999999999999",
            b"1e5", b"/Name", b"/A#20B", b"/A#2", b"/A#zz", b"/", b"/a/b", b"(abc)", b"(a(b)c)",
            b"(a\\(b)", b"(\\101\\7\\0777x)", b"(a\\\r\nb)", b"(a\\\nb\\\rc)", b"(a\r\nb\rc\nd)",
            b"(\\n\\r\\t\\b\\f\\q)", b"(unterminated", b"(a\\", b"<48656c6c6f>", b"<4 8 6>",
            b"<48x>", b"<>", b"<<>>", b"<< /A 1 /B [1 2 (x)] /C << /D /E >> >>",
            b"<</A 1/A 2>>", b"<< /A >>", b"<< /A 1 B >>", b"<< /A 1", b"[1 2 3]", b"[1 [2 [3]]]",
            b"[ 1 0 R 2 0 R ]", b"[1 %c\n 2]", b"[1 2", b"[(a) <41> /N true null]", b"[]",
            b"{", b")", b"x", b"", b"% only a comment", b"[1 % c", b"[1 2 R 3]",
            b"<< /Length 12 0 R /Filter /FlateDecode >>stream", b"[1.0 -0 +.25 3.]",
        ];
        for c in cases {
            same(c, crate::reader::MAX_NESTING_DEPTH);
        }
    }

    #[test]
    fn same_depth_limits() {
        for n in [1, 50, 99, 100, 101, 150] {
            let mut deep = vec![b'['; n];
            deep.extend(std::iter::repeat_n(b']', n));
            same(&deep, crate::reader::MAX_NESTING_DEPTH);
            let dicts = "<< /A ".repeat(n) + &">>".repeat(n);
            same(dicts.as_bytes(), crate::reader::MAX_NESTING_DEPTH);
        }
        let parens = "(".repeat(120) + &")".repeat(120);
        same(parens.as_bytes(), 100);
    }

    #[test]
    fn same_on_generated_token_soup() {
        // A fixed-seed generator over the grammar's pieces, glued with and without spaces.
        let pieces: &[&[u8]] = &[
            b"[", b"]", b"<<", b">>", b"<", b">", b"(", b")", b"\\", b"/K", b"#41", b"#4", b"1",
            b"0", b"R", b".", b"-", b"+", b"5", b"true", b"null", b" ", b"\n", b"\r", b"%c\n",
            b"4F", b"x", b"\t", b"(s)", b"2 0 R",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut input = Vec::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 12) as usize + 1;
            let mut s = seed;
            for _ in 0..len {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                input.extend_from_slice(pieces[(s >> 33) as usize % pieces.len()]);
            }
            same(&input, 4);
            same(&input, crate::reader::MAX_NESTING_DEPTH);
        }
    }
}
