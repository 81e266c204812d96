//! Numbers as filings write them: `1,234.5`, `$1.4 billion`, `US$0.002`, `RMB 1`, `128K`,
//! `one trillion`, `60-65 billion`, `$60 billion to $65 billion`, `72%`, `2.5x`, `10 times`,
//! `fivefold`, `(4)`.
//!
//! [`quantities`] finds every quantity in a piece of text, left to right, with its byte span. It
//! does not decide what a quantity measures; `metrics` does that from the words around it.

use std::sync::OnceLock;

use regex::Regex;

/// What kind of number a quantity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// A count or amount.
    Plain,
    /// A percentage: the value is in percent (72% is 72).
    Percent,
    /// A multiplier: "2.5x", "10 times", "fivefold".
    Multiple,
}

/// A number found in text, scaled ("1.2 trillion" is 1.2e12), with its currency if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value; the low end for a range.
    pub value: f64,
    /// For a range ("60-65 billion"), its ends.
    pub range: Option<(f64, f64)>,
    /// ISO 4217 code of a currency written with it.
    pub currency: Option<&'static str>,
    pub kind: NumberKind,
    /// Byte span of the whole expression, currency and scale included.
    pub start: usize,
    pub end: usize,
    /// The number had a scale word or suffix ("million", "K").
    pub scaled: bool,
    /// Four digits without separators, between 1900 and 2100: probably a year.
    pub year_like: bool,
}

struct Patterns {
    number: Regex,
    word_number: Regex,
    range_tail: Regex,
    multiple_word: Regex,
}

const CURRENCY: &str = r"(?:US|HK|NT|A|C|S|R)\$|\$|€|£|¥|￥|₩|₹|(?-u:\b)(?:RMB|CNY|USD|HKD|EUR|GBP|JPY|INR|KRW|SGD|Rmb|Rs\.?)";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let number = format!(
            r"(?x)
            (?P<neg>\()?
            (?P<cur>{CURRENCY})?\s?
            (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
            (?:
                (?P<suffix>[KMBT]|k|bn|mn|tn)(?-u:\b)
              | (?P<money_suffix>[mb])(?-u:\b)
              | \s?(?P<scale>(?i:thousand|million|billion|trillion|quadrillion|mn|bn|tn|mm|crores?|lakhs?))(?-u:\b)
            )?
            (?P<close>\))?
            (?:\s?(?P<pct>%|(?i:percent|per\s?cent)(?-u:\b))|(?P<mult>[x×])(?:(?-u:\b)|$)|\s(?P<times>(?i:times))(?-u:\b)|-(?P<fold>(?i:fold))(?-u:\b))?
            (?:\s(?P<cur_after>(?:USD|RMB|HKD|EUR|GBP|JPY|CNY))(?-u:\b))?"
        );
        Patterns {
            number: Regex::new(&number).expect("valid regex"),
            word_number: Regex::new(
                r"(?xi)
                (?-u:\b)(?P<cur>(?:US|HK)?\$\s?)?
                (?P<word>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|several)
                \s+(?P<scale>hundred|thousand|million|billion|trillion|quadrillion)
                (?:\s+(?P<scale2>thousand|million|billion|trillion))?(?-u:\b)",
            )
            .expect("valid regex"),
            range_tail: Regex::new(&format!(
                r"^(?:\s*(?:-|–|—|to|and)\s*)(?:{CURRENCY})?\s?(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
            ))
            .expect("valid regex"),
            multiple_word: Regex::new(
                r"(?i)(?-u:\b)(?P<n>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)(?:-|\s)?fold(?-u:\b)|(?-u:\b)(?P<w>two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\s+times(?-u:\b)|(?-u:\b)(?P<tw>twice|double|triple)(?-u:\b)",
            )
            .expect("valid regex"),
        }
    })
}

/// The ISO code of a currency sign or code as written.
pub fn currency_code(s: &str) -> Option<&'static str> {
    Some(match s.trim() {
        "$" | "US$" => "USD",
        "HK$" => "HKD",
        "NT$" => "TWD",
        "A$" => "AUD",
        "C$" => "CAD",
        "S$" => "SGD",
        "R$" => "BRL",
        "€" | "EUR" => "EUR",
        "£" | "GBP" => "GBP",
        "¥" | "￥" | "RMB" | "Rmb" | "CNY" => "CNY",
        "JPY" => "JPY",
        "USD" => "USD",
        "HKD" => "HKD",
        "₹" | "INR" | "Rs" | "Rs." => "INR",
        "₩" | "KRW" => "KRW",
        "SGD" => "SGD",
        _ => return None,
    })
}

fn scale_of(word: &str) -> f64 {
    match word.to_ascii_lowercase().as_str() {
        "k" | "thousand" => 1e3,
        "m" | "million" | "mn" | "mm" => 1e6,
        "crore" | "crores" => 1e7,
        "lakh" | "lakhs" => 1e5,
        "b" | "billion" | "bn" => 1e9,
        "t" | "trillion" | "tn" => 1e12,
        "quadrillion" => 1e15,
        "hundred" => 1e2,
        _ => 1.0,
    }
}

fn word_value(word: &str) -> Option<f64> {
    Some(match word.to_ascii_lowercase().as_str() {
        "a" | "an" | "one" => 1.0,
        "two" | "twice" | "double" => 2.0,
        "three" | "triple" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "hundred" => 100.0,
        "several" => return None,
        _ => return None,
    })
}

/// Parse `1,234.56` (commas as thousands separators).
pub fn parse_decimal(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|&c| c != ',').collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// True when the byte before `at` glues a number to a word: "GLM-4.5", "v2", "F-12", "H100".
fn glued_before(text: &str, at: usize) -> bool {
    let Some(prev) = text[..at].chars().next_back() else {
        return false;
    };
    if prev.is_alphanumeric() || prev == '_' {
        return true;
    }
    if matches!(prev, '-' | '.' | '/' | '‑') {
        // "GLM-4.5", "v.2", "24/7" are glued; "60-65" is a range.
        let before = text[..at - prev.len_utf8()].chars().next_back();
        return before.is_some_and(|c| {
            c.is_alphabetic() || (c.is_ascii_digit() && !matches!(prev, '-' | '‑'))
        });
    }
    false
}

/// A unit written against its number: "200ms", "100MW", "1.3GW".
fn glued_unit(after: &str) -> bool {
    ["ms", "MW", "GW", "kW"].iter().any(|u| {
        after.starts_with(u) && !after[u.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

fn negative_open(caps: &regex::Captures) -> bool {
    caps.name("neg").is_some() && caps.name("close").is_some()
}

/// Every quantity in `text`, in order, spans not overlapping.
pub fn quantities(text: &str) -> Vec<Quantity> {
    let p = patterns();
    let mut out: Vec<Quantity> = Vec::new();
    for caps in p.number.captures_iter(text) {
        let m = caps.get(0).expect("whole match");
        let num = caps.name("num").expect("num is required");
        // The match may start at a currency sign or parenthesis; the digits must not be glued to
        // a word before them (the currency sign itself may be: "US$").
        let lead = caps.name("cur").map_or(num.start(), |c| c.start());
        let lead = caps.name("neg").map_or(lead, |n| n.start());
        if glued_before(text, lead) {
            continue;
        }
        // Nor to a word after them: "4o", "3rd", "70B-parameter" is fine (suffix), "1st" is not.
        let after = &text[m.end()..];
        if caps.name("suffix").is_none()
            && caps.name("scale").is_none()
            && caps.name("pct").is_none()
            && caps.name("mult").is_none()
            && after.starts_with(|c: char| c.is_alphabetic())
            && !glued_unit(after)
        {
            continue;
        }
        // A product's name, not a count: "18,000 Ascend 910B accelerators", "A100 80GB".
        if let Some(sfx) = caps.name("suffix") {
            let glued = sfx.start() == num.end();
            let device = [
                "accelerator",
                "gpu",
                "chip",
                "npu",
                "tpu",
                "processor",
                "card",
            ];
            let next = after.trim_start().to_ascii_lowercase();
            if glued && device.iter().any(|d| next.starts_with(d)) {
                continue;
            }
        }
        // A dimension, not a multiple: "1440×960".
        if caps.name("mult").is_some() && after.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        // A version or section number: "2.0.1", "1.2.3".
        if after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        // "£86.3m", "$1.2b": millions and billions of money; "5m" alone is metres or minutes.
        if caps.name("money_suffix").is_some() && caps.name("cur").is_none() {
            continue;
        }
        let Some(mut value) = parse_decimal(num.as_str()) else {
            continue;
        };
        let scale_word = caps
            .name("suffix")
            .or_else(|| caps.name("money_suffix"))
            .or_else(|| caps.name("scale"))
            .map(|s| s.as_str());
        let scaled = scale_word.is_some();
        if let Some(s) = scale_word {
            value *= scale_of(s);
        }
        let kind = if caps.name("pct").is_some() {
            NumberKind::Percent
        } else if caps.name("mult").is_some()
            || caps.name("times").is_some()
            || caps.name("fold").is_some()
        {
            NumberKind::Multiple
        } else {
            NumberKind::Plain
        };
        let negative = caps.name("neg").is_some() && caps.name("close").is_some();
        // The span starts at the parenthesis of a negative, else the currency, else the digits
        // (never at the space the pattern allows before them).
        let mut start = caps.name("cur").map_or(num.start(), |c| c.start());
        if negative_open(&caps) {
            start = caps.name("neg").map_or(start, |n| n.start());
        }
        let mut end = m.end();
        if caps.name("close").is_some() && caps.name("neg").is_none() {
            // "(see note 3)": the closing parenthesis belongs to the text, not the number.
            end = caps.name("close").map_or(end, |c| c.start()).max(num.end());
            if caps.name("pct").is_some() || caps.name("mult").is_some() {
                end = m.end();
            }
        }
        if negative {
            value = -value;
        }
        let currency = caps
            .name("cur")
            .or_else(|| caps.name("cur_after"))
            .and_then(|c| currency_code(c.as_str()));
        let digits = num.as_str();
        let year_like = !scaled
            && kind == NumberKind::Plain
            && currency.is_none()
            && digits.len() == 4
            && digits.chars().all(|c| c.is_ascii_digit())
            && (1900.0..=2100.0).contains(&value);
        out.push(Quantity {
            value,
            range: None,
            currency,
            kind,
            start,
            end,
            scaled,
            year_like,
        });
    }
    // Spelled numbers: "one trillion", "a billion".
    let digits_end = out.len();
    for caps in p.word_number.captures_iter(text) {
        let m = caps.get(0).expect("whole match");
        if overlaps(&out[..digits_end], m.range()) {
            continue;
        }
        let Some(v) = word_value(&caps["word"]) else {
            continue;
        };
        let currency = caps.name("cur").and_then(|c| currency_code(c.as_str()));
        // "two hundred billion": a second scale multiplies the first.
        let scale2 = caps.name("scale2").map_or(1.0, |s| scale_of(s.as_str()));
        out.push(Quantity {
            value: v * scale_of(&caps["scale"]) * scale2,
            range: None,
            currency,
            kind: NumberKind::Plain,
            start: m.start(),
            end: m.end(),
            scaled: true,
            year_like: false,
        });
    }
    // Spelled multipliers: "fivefold", "ten times", "twice".
    let words_end = out.len();
    for caps in p.multiple_word.captures_iter(text) {
        let m = caps.get(0).expect("whole match");
        if overlaps(&out[..digits_end], m.range())
            || overlaps(&out[digits_end..words_end], m.range())
        {
            continue;
        }
        // "more than double the $210M reported a year earlier": a comparison with the
        // figure after it, which is the quantity.
        let compared = text[m.end()..]
            .trim_start()
            .strip_prefix("the ")
            .is_some_and(|r| {
                r.trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || "$€£¥".contains(c))
            });
        if compared {
            continue;
        }
        let word = caps
            .name("n")
            .or_else(|| caps.name("w"))
            .or_else(|| caps.name("tw"))
            .expect("one alternative matched");
        let Some(v) = word_value(word.as_str()) else {
            continue;
        };
        out.push(Quantity {
            value: v,
            range: None,
            currency: None,
            kind: NumberKind::Multiple,
            start: m.start(),
            end: m.end(),
            scaled: false,
            year_like: false,
        });
    }
    out.sort_by_key(|q| q.start);
    merge_ranges(text, out)
}

/// Whether any of `qs` (in order of the text, none overlapping) overlaps `r`: a binary search,
/// so a long table without sentence ends costs no more than its sentences would.
fn overlaps(qs: &[Quantity], r: std::ops::Range<usize>) -> bool {
    let k = qs.partition_point(|q| q.end <= r.start);
    qs.get(k).is_some_and(|q| q.start < r.end)
}

/// Join "60-65 billion", "$60 billion to $65 billion", "between 1 and 2 trillion" into ranges.
fn merge_ranges(text: &str, qs: Vec<Quantity>) -> Vec<Quantity> {
    let p = patterns();
    let mut out: Vec<Quantity> = Vec::with_capacity(qs.len());
    let mut i = 0;
    while i < qs.len() {
        let mut q = qs[i].clone();
        if let Some(next) = qs.get(i + 1) {
            let gap = &text[q.end..next.start];
            let joiner = gap.trim();
            let between = matches!(joiner, "-" | "–" | "—" | "to")
                || (joiner == "and"
                    && crate::util::tail(text[..q.start].trim_end(), 16)
                        .to_ascii_lowercase()
                        .ends_with("between"));

            // "increased from 450 to 1,440": a change, two figures; "ranging from 450 to 1,440"
            // and "450 to 1,440" are ranges.
            let change = joiner == "to" && changes_from(&text[..q.start]);
            let compatible = !change
                && q.kind == next.kind
                && !q.year_like
                && !next.year_like
                && (q.currency.is_none() || next.currency.is_none() || q.currency == next.currency)
                && p.range_tail.is_match(&text[q.end..]);
            if between && compatible {
                let mut low = q.value;
                let high = next.value;
                // "60-65 billion": the scale written once applies to both ends.
                if !q.scaled && next.scaled {
                    let scale = next_scale(&text[next.start..next.end]);
                    low *= scale;
                }
                if low <= high {
                    q.value = low;
                    q.range = Some((low, high));
                    q.end = next.end;
                    q.currency = q.currency.or(next.currency);
                    q.scaled |= next.scaled;
                    out.push(q);
                    i += 2;
                    continue;
                }
            }
        }
        out.push(q);
        i += 1;
    }
    out
}

/// Whether `before` ends in a change that starts from the next figure: "grew from", "improved
/// by 3.2x, from"; or one whose size is the next figure ("increased by $312.7 million to").
fn changes_from(before: &str) -> bool {
    static CHANGE: OnceLock<Regex> = OnceLock::new();
    let change = CHANGE.get_or_init(|| {
        Regex::new(r"(?i)(?-u:\b)(?:increas|decreas|improv|grow|grew|grown|rose|rise|rising|fell|fall|declin|reduc|expand|jump|climb|drop|went|gone|up|down)[a-z]*(?-u:\b)(?:(?:[^.;]|\.[0-9]){0,30}(?-u:\b)from|\s+by)\s*(?:approximately|about|around|over|nearly|roughly)?\s*$")
            .expect("valid regex")
    });
    change.is_match(crate::util::tail(before, 80))
}

/// The scale written in a quantity's text ("65 billion" gives 1e9).
fn next_scale(s: &str) -> f64 {
    let lower = s.to_ascii_lowercase();
    for (word, scale) in [
        ("quadrillion", 1e15),
        ("trillion", 1e12),
        ("billion", 1e9),
        ("million", 1e6),
        ("thousand", 1e3),
        ("tn", 1e12),
        ("bn", 1e9),
        ("mn", 1e6),
    ] {
        if lower.contains(word) {
            return scale;
        }
    }
    match s.trim_end().chars().last() {
        Some('T') => 1e12,
        Some('B') | Some('b') => 1e9,
        Some('M') | Some('m') => 1e6,
        Some('K') | Some('k') => 1e3,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quantity {
        let qs = quantities(text);
        assert_eq!(qs.len(), 1, "{text}: {qs:?}");
        qs.into_iter().next().unwrap()
    }

    #[test]
    fn digits_scales_and_currencies() {
        let cases: &[(&str, f64, Option<&str>)] = &[
            ("1,234.56", 1234.56, None),
            ("$1.4 billion", 1.4e9, Some("USD")),
            ("US$0.002", 0.002, Some("USD")),
            ("RMB 1", 1.0, Some("CNY")),
            ("RMB1.5 million", 1.5e6, Some("CNY")),
            ("HK$3.2bn", 3.2e9, Some("HKD")),
            ("€0.50", 0.5, Some("EUR")),
            ("128K", 128e3, None),
            ("1M", 1e6, None),
            ("480 trillion", 480e12, None),
            ("one trillion", 1e12, None),
            ("a billion", 1e9, None),
            ("3.1 billion", 3.1e9, None),
            ("250,000", 250_000.0, None),
            ("(4)", -4.0, None),
            ("1,000 USD", 1000.0, Some("USD")),
        ];
        for &(text, value, currency) in cases {
            let q = one(text);
            assert!(
                (q.value - value).abs() < 1e-9 * value.abs().max(1.0),
                "{text}: {q:?}"
            );
            assert_eq!(q.currency, currency, "{text}");
            assert_eq!((q.start, q.end), (0, text.len()), "{text}");
        }
    }

    #[test]
    fn percents_and_multiples() {
        assert_eq!(one("72%").kind, NumberKind::Percent);
        assert_eq!(one("72 percent").value, 72.0);
        let q = one("2.5x");
        assert_eq!((q.kind, q.value), (NumberKind::Multiple, 2.5));
        let q = one("10 times");
        assert_eq!((q.kind, q.value), (NumberKind::Multiple, 10.0));
        let q = one("fivefold");
        assert_eq!((q.kind, q.value), (NumberKind::Multiple, 5.0));
        let q = one("(4)%");
        assert_eq!((q.kind, q.value), (NumberKind::Percent, -4.0));
    }

    #[test]
    fn ranges() {
        let q = one("$60 billion to $65 billion");
        assert_eq!(q.range, Some((60e9, 65e9)));
        assert_eq!(q.value, 60e9);
        let q = one("60-65 billion");
        assert_eq!(q.range, Some((60e9, 65e9)));
        let qs = quantities("between 1 and 2 trillion");
        assert_eq!(qs[0].range, Some((1e12, 2e12)));
        // Two years are not a range of quantities.
        assert_eq!(quantities("2024-2025").len(), 2);
    }

    #[test]
    fn spelled_numbers_beside_digits_in_a_long_text() {
        let piece =
            "5 million tokens, one billion users, twice as many as 3 trillion and ten times; ";
        let one_piece: Vec<(f64, NumberKind)> = quantities(piece)
            .iter()
            .map(|q| (q.value, q.kind))
            .collect();
        assert_eq!(
            one_piece,
            vec![
                (5e6, NumberKind::Plain),
                (1e9, NumberKind::Plain),
                (2.0, NumberKind::Multiple),
                (3e12, NumberKind::Plain),
                (10.0, NumberKind::Multiple)
            ]
        );
        let text = piece.repeat(500);
        let all = quantities(&text);
        assert_eq!(all.len(), 500 * one_piece.len());
        assert!(all.windows(2).all(|w| w[0].end <= w[1].start));
        // "more than double the $210M": the figure compared with is the quantity.
        let qs = quantities("more than double the $210M reported");
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].value, 210e6);
    }

    #[test]
    fn glued_numbers_are_not_quantities() {
        assert!(quantities("GLM-4.5").is_empty());
        assert!(quantities("H100").is_empty());
        assert!(quantities("version 2.0.1").is_empty());
        assert!(quantities("the 3rd").is_empty());
        assert!(quantities("1440×960")
            .iter()
            .all(|q| q.kind != NumberKind::Multiple));
        let qs = quantities("Gemini 2.0 handles 1 trillion tokens");
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[1].value, 1e12);
    }

    #[test]
    fn years() {
        assert!(one("2024").year_like);
        assert!(!one("2,024").year_like);
        assert!(!one("$2024").year_like);
    }
}
