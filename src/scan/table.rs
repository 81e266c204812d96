//! Token-economy figures in table rows: `Tokens processed (in trillions)⇥52.1⇥11.4⇥1.9` under a
//! header row `2025⇥2024⇥2023`, the way key-metrics tables come out of EDGAR HTML (cells joined
//! by tabs).
//!
//! Only rows whose label names a token-economy measure are read (tokens processed, price per
//! million tokens, API revenue, monthly active users, power, GPUs, throughput, latency,
//! parameters, ARR, net revenue retention, gross margin in %), or that the caption makes one
//! ("Percentage of total revenue" over "Customer A"; "(RMB per million tokens)" over "Average
//! input price"). "Total revenue" and "Capital expenditures" are read when every column has a
//! known period and the caption gives the scale; other financial-statement rows ("Revenue",
//! "Net loss") are left alone: segment tables repeat them. A table whose column heads name the
//! measures ("Context window (tokens)") is read cell by cell, the row's label as the subject.
//! Each figure takes the period of its column when the header row above has one cell per
//! column.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::metrics::Found;
use super::number::{self, NumberKind};

/// How far above a row its header and caption are looked for.
/// The scale a label may end with: "Total revenue (in thousands)", "Capital expenditures
/// (in billions)".
const LABEL_SCALE: &str = r"(?:\s*\((?:in\s+)?(?:(?:US\$|\$|RMB|HK\$|€|£)\s*(?:in\s+)?)?(?:thousands?|millions?|billions?)\))?";

pub const HEADER_REACH: usize = 1200;

struct Patterns {
    price: Regex,
    token_revenue: Regex,
    tokens: Regex,
    users: Regex,
    power: Regex,
    gpus: Regex,
    arr: Regex,
    retention: Regex,
    margin: Regex,
    rpo: Regex,
    scale: Regex,
    currency: Regex,
    period_cell: Regex,
    change_cell: Regex,
    caption: Regex,
    throughput: Regex,
    latency: Regex,
    parameters: Regex,
    training: Regex,
    context: Regex,
    total_revenue: Regex,
    plain_revenue: Regex,
    capex: Regex,
    share_caption: Regex,
    customer: Regex,
    token_source: Regex,
    caption_price: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    let re = |p: &str| Regex::new(p).expect("valid built-in regex");
    P.get_or_init(|| Patterns {
        price: re(r"(?i)(?:price|pricing|cost|ASP).*tokens?|per\s+(?:one\s+)?(?:million|thousand|1M|1K|1,000|1,000,000)\s+(?:input\s+|output\s+)?tokens|(?:US\$|\$|€|£|¥|RMB)\s*/\s*(?:1\s?)?(?:M|K|million|thousand)\s*(?:tokens?|tok)\b"),
        token_revenue: re(r"(?i)(?:\b(?:API|token|tokens|MaaS|model-as-a-service|usage-based|consumption-based|inference)\b.*\brevenues?\b|\brevenues?\b.*\b(?:API|tokens?|MaaS|model-as-a-service|inference)\b)"),
        tokens: re(r"(?i)\btokens?\b"),
        users: re(r"(?i)\b(?:monthly\s+active\s+users|daily\s+active\s+users|MAUs?|DAUs?|paying\s+users|active\s+users|registered\s+users|developers)\b"),
        power: re(r"(?i)\b(?P<u>MW|GW|megawatts|gigawatts)\b"),
        gpus: re(r"(?i)\b(?:GPUs|accelerators)\b"),
        arr: re(r"(?i)\bARR\b|annual(?:ized)?\s+recurring\s+revenue|run[- ]rate"),
        retention: re(r"(?i)net\s+(?:dollar\s+|revenue\s+|expansion\s+)?retention|\bNRR\b|\bNDR\b|\bDBNRR\b"),
        margin: re(r"(?i)gross\s+(?:profit\s+)?margin"),
        rpo: re(r"(?i)remaining\s+performance\s+obligations|\bRPO\b"),
        scale: re(r"(?i)\b(?:in\s+)?(?:(?:US\$|\$|RMB|HK\$|€|£)\s*(?:in\s+)?)?(?P<s>thousands|millions|billions|trillions|quadrillions)\b|\((?:in\s+)?(?:(?:US\$|\$|RMB|HK\$|€|£)\s*)?(?P<one>thousand|million|billion|trillion|quadrillion)s?\)"),
        currency: re(r"(?:\(|\b)(?P<c>US\$|HK\$|RMB|USD|HKD|EUR|GBP|CNY|\$|€|£|¥)"),
        period_cell: re(r"(?i)^(?:(?:FY|fiscal(?:\s+year)?|CY)\s*'?\d{2,4}|(?:19|20)\d{2}(?:\s*\(?[A-Z]\)?)?|Q[1-4]\s*(?:FY\s*)?'?\d{2,4}|[1-4]Q\s*'?\d{2,4}|H[12]\s*'?\d{2,4}|[12]H\s*'?\d{2,4}|(?:as\s+(?:of|at)\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)\s+(?:\d{1,2},\s*)?\d{4})$"),
        change_cell: re(r"(?i)^(?:%\s*)?(?:change|chg\.?|growth|y/y|yoy|%)(?:\s*\(%\))?$|^%\s+change$|^change\s*\(?%\)?$"),
        throughput: re(r"(?i)tokens?\s*(?:/|per)\s*(?:s|sec|second)\b|tokens?\b.*\bper\s+second|\btok/s\b|\bTPS\b|\bthroughput\b.*\b(?:x|times|improvement|speed-?up)\b|\b(?:throughput|speed-?up)\s+(?:improvement|gain)"),
        latency: re(r"(?i)time\s+to\s+first\s+token|\bTTFT\b|\blatency\b"),
        parameters: re(r"(?i)^(?:total\s+|active\s+|activated\s+)?parameters\b"),
        training: re(r"(?i)^(?:pre-?)?training\s+(?:tokens|data|corpus)\b"),
        context: re(r"(?i)^(?:max(?:imum)?\s+)?context\s+(?:window|length)\b"),
        total_revenue: re(&format!(r"(?i)^total\s+(?:net\s+)?(?:revenues?|net\s+sales){LABEL_SCALE}$")),
        plain_revenue: re(&format!(r"(?i)^(?:net\s+)?(?:revenues?|sales){LABEL_SCALE}$")),
        capex: re(&format!(r"(?i)^(?:capital\s+expenditures?|capex|(?:purchases\s+of|additions\s+to|payments\s+for)\s+property(?:,\s+plant)?\s+and\s+equipment){LABEL_SCALE}$")),
        share_caption: re(r"(?i)percent(?:age)?\s+of\s+(?:our\s+)?(?:total\s+)?(?:net\s+)?revenues?"),
        customer: re(r"(?i)^(?:customer\s+[A-Z0-9]\b|(?:our\s+)?(?:largest|top\s+(?:\w+\s+)?)customers?\b)"),
        token_source: re(r"(?i)\b(?:API|tokens?|usage-based|consumption|MaaS|model-as-a-service|inference)\b"),
        caption_price: re(r"(?i)(?P<c>US\$|HK\$|RMB|USD|HKD|EUR|GBP|CNY|JPY|\$|€|£|¥)?\s*(?:per|/)\s*(?:one\s+|1\s+|a\s+)?(?P<d>million|thousand|1M|1K|1,000,000|1,000|token)\s+(?:input\s+|output\s+)?tokens?|(?P<c2>US\$|HK\$|RMB|USD|HKD|EUR|GBP|CNY|JPY|\$|€|£|¥)\s+per\s+(?P<d2>million|thousand)\s+tokens"),
        caption: re(r"(?i)^(?:for\s+the\s+)?(?P<lead>(?:(?:three|six|nine|twelve)\s+months|years?|fiscal\s+years?|quarters?|periods?)\s+ended|as\s+(?:of|at))(?:\s+(?P<date>[A-Za-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-z]+))?,?$"),
    })
}

/// A cell of a row: its text and its span in the row.
struct Cell<'a> {
    text: &'a str,
    span: Range<usize>,
}

fn cells(row: &str) -> Vec<Cell<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in row.split('\t') {
        let lead = part.len() - part.trim_start().len();
        let text = part.trim();
        // The closing parenthesis of the cell before, in a cell of its own ("(38,912⇥)"), as
        // EDGAR HTML tables put it: no column.
        if matches!(text, ")" | ")%" | "%)") && !out.is_empty() {
            at += part.len() + 1;
            continue;
        }
        out.push(Cell {
            text,
            span: at + lead..at + lead + text.len(),
        });
        at += part.len() + 1;
    }
    out
}

/// A units cell or caption in thousands of a currency: "RMB'000", "US$’000".
fn in_thousands_of_money(s: &str) -> bool {
    s.contains("'000") || s.contains("’000")
}

/// A cell that holds only a currency sign, glued to the next one in the table ("$⇥1,915.4").
fn currency_only(text: &str) -> bool {
    matches!(
        text,
        "$" | "US$" | "HK$" | "RMB" | "€" | "£" | "¥" | "USD" | "HKD" | "EUR" | "GBP"
    )
}

/// A value column of a row: the quantity in it, if the cell holds one.
struct Column {
    quantity: Option<number::Quantity>,
    /// The amounts in the cell, one or several ("146,052 135,620" when cells run together).
    amounts: usize,
    currency: Option<&'static str>,
    span: Range<usize>,
}

/// The value columns of a row, after its label cell.
fn columns(cells: &[Cell]) -> Vec<Column> {
    let mut out = Vec::new();
    let mut pending: Option<&'static str> = None;
    for c in cells.iter().skip(1) {
        if c.text.is_empty() {
            continue;
        }
        if currency_only(c.text) {
            pending = number::currency_code(c.text);
            continue;
        }
        // A change in basis points ("380 bps") is no figure of the row.
        let lower = c.text.to_ascii_lowercase();
        if lower.ends_with("bps") || lower.ends_with("basis points") {
            out.push(Column {
                amounts: 0,
                span: c.span.clone(),
                quantity: None,
                currency: None,
            });
            continue;
        }
        let qs = number::quantities(c.text);
        let amounts = qs.iter().filter(|q| q.kind != NumberKind::Percent).count();
        // The cell is one figure, whole: "52.1", "$1,915.4", "(12.3)", "71%".
        let q = qs
            .into_iter()
            .next()
            .filter(|q| q.start <= 2 && c.text.len() - q.end <= 2);
        let currency = q.as_ref().and_then(|q| q.currency).or(pending.take());
        out.push(Column {
            amounts,
            span: q.as_ref().map_or(c.span.clone(), |q| {
                c.span.start + q.start..c.span.start + q.end
            }),
            quantity: q,
            currency,
        });
    }
    out
}

/// What a row's label measures.
struct RowKind {
    kind: &'static str,
    unit: Unit,
}

enum Unit {
    Tokens,
    Money,
    /// Money per so many tokens: the price of one million is the value times this.
    PerTokens(f64),
    Users,
    Power,
    Units,
    Percent,
    /// Tokens per second, or "x" for a multiple.
    Throughput,
    /// Milliseconds, or seconds when the label says so.
    Latency,
    Parameters,
}

fn row_kind(label: &str) -> Option<RowKind> {
    let label = without_footnotes(label);
    let p = patterns();
    let kind = |kind, unit| Some(RowKind { kind, unit });
    let lower = label.to_lowercase();
    // Most rows of a filing's tables name none of these; they are ruled out before the
    // patterns run.
    const WORDS: &[&str] = &[
        "token",
        "tok/",
        "tps",
        "price",
        "pricing",
        "cost",
        "asp",
        "revenue",
        "user",
        "developer",
        "mau",
        "dau",
        "mw",
        "gw",
        "megawatt",
        "gigawatt",
        "gpu",
        "accelerator",
        "arr",
        "recurring",
        "run-rate",
        "run rate",
        "retention",
        "nrr",
        "ndr",
        "margin",
        "performance",
        "rpo",
        "latency",
        "first token",
        "ttft",
        "throughput",
        "speed",
        "parameter",
        "training",
        "context",
        "total",
        "capital",
        "capex",
        "property and equipment",
        "property, plant and equipment",
    ];
    if !WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    if p.tokens.is_match(label) && p.price.is_match(label) {
        let denom = if lower.contains("per token") {
            1e6
        } else if ["thousand", "1k", "1,000 ", "/k ", "/1k"]
            .iter()
            .any(|d| lower.contains(d))
            && !lower.contains("1,000,000")
        {
            1e3
        } else {
            1.0
        };
        let cost = lower.contains("cost") && !lower.contains("price");
        return kind(
            if cost { "token_cost" } else { "token_price" },
            Unit::PerTokens(denom),
        );
    }
    if p.arr.is_match(label) {
        return kind("annual_recurring_revenue", Unit::Money);
    }
    if p.retention.is_match(label) {
        return kind("net_revenue_retention", Unit::Percent);
    }
    if p.token_revenue.is_match(label) {
        return kind("token_revenue", Unit::Money);
    }
    if p.rpo.is_match(label) {
        return kind("remaining_performance_obligations", Unit::Money);
    }
    if p.margin.is_match(label) {
        return kind("gross_margin", Unit::Percent);
    }
    if p.latency.is_match(label) {
        return kind("token_latency", Unit::Latency);
    }
    if p.throughput.is_match(label) {
        return kind("token_throughput", Unit::Throughput);
    }
    if p.parameters.is_match(label) {
        return kind("model_parameters", Unit::Parameters);
    }
    if p.training.is_match(label) {
        return kind("training_tokens", Unit::Tokens);
    }
    if p.context.is_match(label) {
        return kind("context_window", Unit::Tokens);
    }
    if p.total_revenue.is_match(label) || p.plain_revenue.is_match(label) {
        return kind("revenue", Unit::Money);
    }
    // "Revenue from our five largest customers as a percentage of total revenue⇥61.2%".
    if p.share_caption.is_match(label)
        && (lower.contains("customer") || lower.contains("client"))
        && (lower.contains("largest") || lower.contains("top ") || lower.contains("customer a"))
    {
        return kind("customer_concentration", Unit::Percent);
    }
    if p.capex.is_match(label) {
        return kind("capex", Unit::Money);
    }
    // A count of tokens names it: "Tokens processed", "Daily token volume", "(in trillions)";
    // "Token-based API services" in a revenue table is a line of business.
    let volume = [
        "process",
        "served",
        "serving",
        "consum",
        "generat",
        "volume",
        "usage",
        "daily",
        "monthly",
        "per day",
        "per month",
        "(in ",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if p.tokens.is_match(label) && !lower.contains("revenue") && volume {
        return kind("token_volume", Unit::Tokens);
    }
    if p.users.is_match(label) {
        return kind("users", Unit::Users);
    }
    // "Power Portfolio" over "⇥MW" over "Operational⇥745": a column head of the unit alone.
    let unit_alone = matches!(
        lower.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace()),
        "mw" | "gw" | "megawatts" | "gigawatts"
    );
    if p.power.is_match(label)
        && (lower.contains("power") || lower.contains("capacity") || unit_alone)
    {
        return kind("compute_power", Unit::Power);
    }
    if p.gpus.is_match(label) {
        return kind("compute_units", Unit::Units);
    }
    None
}

/// A label without the footnote markers after it: "Capital expenditures(1)", "Revenue (a)*".
fn without_footnotes(label: &str) -> &str {
    let mut label = label.trim_end();
    loop {
        let before = label;
        label = label.trim_end_matches(['*', '†', '‡']).trim_end();
        if let Some(open) = label.strip_suffix(')').and_then(|l| l.rfind('(')) {
            let mark = &label[open + 1..label.len() - 1];
            let footnote = (1..=2).contains(&mark.len())
                && (mark.bytes().all(|b| b.is_ascii_digit())
                    || (mark.len() == 1 && mark.bytes().all(|b| b.is_ascii_lowercase())));
            if footnote {
                label = label[..open].trim_end();
            }
        }
        if label == before {
            return label;
        }
    }
}

/// The scale a label or caption states: "(in trillions)", "(RMB in millions)".
fn scale_in(s: &str) -> Option<f64> {
    if in_thousands_of_money(s) {
        return Some(1e3);
    }
    // A units cell with its scale: "£m", "US$m", "€bn", "RMBm".
    let unit = s.split(['\t', ' ']).find_map(|t| {
        let rest = ["US$", "HK$", "RMB", "$", "€", "£", "¥"]
            .iter()
            .find_map(|c| t.trim_matches(['(', ')']).strip_prefix(c))?;
        match rest {
            "m" | "mn" | "M" => Some(1e6),
            "bn" | "b" | "B" => Some(1e9),
            "k" | "K" => Some(1e3),
            _ => None,
        }
    });
    if unit.is_some() {
        return unit;
    }
    let c = patterns().scale.captures(s)?;
    // Plural anywhere ("in millions"), singular in parentheses ("(billion)").
    let word = c
        .name("s")
        .or_else(|| c.name("one"))?
        .as_str()
        .to_lowercase();
    Some(match word.trim_end_matches('s') {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => 1e15,
    })
}

/// The periods of the value columns, from the nearest header row in `above` with one period per
/// column (change columns count as columns without a period).
fn header_periods(above: &str, columns: usize) -> Option<Vec<Option<String>>> {
    let p = patterns();
    let lines: Vec<&str> = above.lines().collect();
    for (k, line) in lines.iter().enumerate().rev().take(8) {
        let parts: Vec<&str> = line
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let is_period = |c: &&str| p.period_cell.is_match(c) || p.change_cell.is_match(c);
        // A header may start with a label cell ("(in millions)⇥2024⇥2023").
        let cells: Vec<&str> = match parts.split_first() {
            Some((first, rest)) if !is_period(first) && !rest.is_empty() => rest.to_vec(),
            _ => parts.clone(),
        };
        if cells.is_empty()
            || !cells.iter().all(is_period)
            || !cells.iter().any(|c| p.period_cell.is_match(c))
        {
            continue;
        }
        // Change columns at the end that this row leaves empty ("2025⇥2024⇥% change" over
        // "Gross margin⇥54.9%⇥48.9%").
        let mut cells = cells;
        while cells.len() > columns && cells.last().is_some_and(|c| p.change_cell.is_match(c)) {
            cells.pop();
        }
        if cells.len() != columns {
            return None;
        }
        // "Year Ended December 31," above years: "year ended December 31, 2024". Two
        // groups side by side ("Three Months Ended September 30,⇥Nine Months Ended
        // September 30," over "2024⇥2025⇥2024⇥2025"): each over its own years, the groups
        // parted where the years start over.
        let captions: Vec<String> = lines[k.saturating_sub(2)..k]
            .iter()
            .rev()
            .map(|l| {
                l.split('\t')
                    .map(str::trim)
                    .filter_map(|cell| {
                        p.caption.captures(cell).map(|c| {
                            // "Years Ended December 31," over each year: one year each.
                            let lead = c["lead"]
                                .split_whitespace()
                                .map(|w| {
                                    if w.eq_ignore_ascii_case("years") {
                                        "year"
                                    } else {
                                        w
                                    }
                                })
                                .collect::<Vec<_>>()
                                .join(" ");
                            match c.name("date") {
                                Some(date) => format!("{} {}", lead.to_lowercase(), date.as_str()),
                                // "Three Months Ended" over full dates.
                                None => lead.to_lowercase(),
                            }
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .find(|c| !c.is_empty())
            .unwrap_or_default();
        let year = |c: &str| c.parse::<u32>().ok().filter(|_| c.len() == 4);
        let mut group = vec![0; cells.len()];
        if captions.len() > 1 {
            let mut g = 0;
            for i in 1..cells.len() {
                let restarts = match (year(cells[i - 1]), year(cells[i])) {
                    // Ascending years restart low; descending ones restart high.
                    (Some(a), Some(b)) if year(cells[0]) < year(cells[1]) => b <= a,
                    (Some(a), Some(b)) => b >= a,
                    _ => false,
                };
                if restarts {
                    g += 1;
                }
                group[i] = g;
            }
            if g + 1 != captions.len() {
                // The years do not say where the groups part: evenly, if they can be.
                let per = cells.len() / captions.len();
                group = if per > 0 && cells.len().is_multiple_of(captions.len()) {
                    (0..cells.len()).map(|i| i / per).collect()
                } else {
                    vec![usize::MAX; cells.len()]
                };
            }
        }
        return Some(
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    p.period_cell.is_match(c).then(|| {
                        let bare_year = year(c).is_some();
                        let dated = !cap_lacks_date(captions.get(group[i]));
                        match captions.get(group[i]) {
                            // "Three Months Ended" over "Mar. 31, 2025".
                            Some(cap)
                                if !dated
                                    && cap.ends_with("ended")
                                    && c.starts_with(|d: char| d.is_alphabetic())
                                    && c.contains(',')
                                    && !c.starts_with(['Q', 'H', 'F']) =>
                            {
                                format!("{cap} {c}")
                            }
                            Some(_) if !dated => c.to_string(),
                            Some(cap) if bare_year && cap.ends_with(char::is_alphabetic) => {
                                format!("{cap} {c}")
                            }
                            Some(cap) if bare_year => format!("{cap}, {c}"),
                            _ => c.to_string(),
                        }
                    })
                })
                .collect(),
        );
    }
    None
}

/// Whether a period caption names no date ("three months ended"), so its cells must.
fn cap_lacks_date(cap: Option<&String>) -> bool {
    cap.is_some_and(|c| c.ends_with("ended") || c.ends_with(" of") || c.ends_with(" at"))
}

/// The figures of one table row (`row` holds tabs), with `above` the text before it.
pub fn row_metrics(row: &str, above: &str) -> Vec<Found> {
    let p = patterns();
    let cells = cells(row);
    let Some(first) = cells.first().map(|c| c.text) else {
        return Vec::new();
    };
    if !first.contains(char::is_alphabetic) {
        return Vec::new();
    }
    // A label wrapped onto the row's line: "Average inference cost" over "(RMB per million
    // tokens)(1)⇥4.62⇥1.20", "Token-based model API" over "services(1)⇥48,312".
    let wrapped = first
        .trim_start()
        .starts_with(|c: char| c == '(' || c.is_lowercase())
        .then_some(above)
        .and_then(|above| {
            above
                .trim_end_matches([' ', '\r'])
                .strip_suffix('\n')
                .and_then(|a| a.lines().next_back())
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty()
                        && !l.contains('\t')
                        && !l.contains(|c: char| c.is_ascii_digit())
                        && l.len() < 80
                        && l.starts_with(char::is_uppercase)
                })
        });
    let joined;
    let label = match wrapped {
        Some(head) => {
            joined = format!("{head} {}", first.trim());
            joined.as_str()
        }
        None => first,
    };
    let captions = caption_lines(above);
    let direct = row_kind(label);
    let captioned = captioned_kind(label, &captions);
    // A row of tokens in a money table is a line of revenue: "Usage-based (token
    // consumption)" under "Revenue:", or under "US$⇥%" units.
    let money_table = captions.iter().any(|c| {
        c.split('\t').any(|u| {
            let u = u.trim();
            currency_only(u) || in_thousands_of_money(u)
        })
    });
    let direct = match direct {
        Some(RowKind {
            kind: "token_volume",
            ..
        }) if money_table
            || captioned
                .as_ref()
                .is_some_and(|k| k.kind == "token_revenue") =>
        {
            Some(RowKind {
                kind: "token_revenue",
                unit: Unit::Money,
            })
        }
        d => d,
    };
    if direct.is_none() && captioned.is_none() {
        return column_metrics(&cells, above);
    }
    let cols = columns(&cells);
    // A row of percents under a "percentage of revenue" caption is a share, whatever its label
    // names ("API and token consumption⇥63%⇥47%").
    let all_percent = cols.iter().all(|c| {
        c.quantity
            .as_ref()
            .is_none_or(|q| q.kind == NumberKind::Percent)
    });
    let (share, other) = match captioned {
        // A token line of business under a share caption, its amounts beside its shares
        // ("RMB'000⇥%" over "Token-based model API services⇥48,312⇥38.6"): both.
        Some(k) if matches!(k.unit, Unit::Percent) && !all_percent && k.kind == "token_revenue" => {
            (
                None,
                Some(RowKind {
                    kind: "token_revenue",
                    unit: Unit::Money,
                }),
            )
        }
        Some(k) if matches!(k.unit, Unit::Percent) => (all_percent.then_some(k), None),
        k => (None, k),
    };
    let Some(rk) = share.or(direct).or(other) else {
        return Vec::new();
    };
    // "Customers with ARR > $1 million⇥212⇥88", "Number of paying customers": counts of
    // customers, not money.
    let lower_label = label.to_lowercase();
    if matches!(rk.unit, Unit::Money)
        && (lower_label.starts_with("customers") || lower_label.starts_with("number of"))
    {
        return Vec::new();
    }
    if cols.iter().all(|c| c.quantity.is_none()) {
        return Vec::new();
    }
    // "Gross margin⇥40,215⇥34,670⇥16%": a percent after amounts is their change. Only a row of
    // percents, or of amounts each with its percent ("6,018⇥42.5 %⇥6,535⇥42.6 %"), gives them.
    let is_percent = |c: &Column| {
        c.quantity
            .as_ref()
            .is_some_and(|q| q.kind == NumberKind::Percent)
    };
    let percents = cols.iter().filter(|c| is_percent(c)).count();
    let amounts: usize = cols.iter().map(|c| c.amounts).sum();
    // "Gross margin (%)⇥30.4⇥34.3": the label gives the unit its figures leave out.
    let label_percent = ["(%)", "(percent)", "(in %)", "(in percent)"]
        .iter()
        .any(|u| lower_label.contains(u));
    if matches!(rk.unit, Unit::Percent) && !label_percent && amounts > 0 && amounts != percents {
        return Vec::new();
    }
    // A units row with a cell per column ("RMB'000⇥%⇥RMB'000⇥%"): which columns are shares.
    let units: Option<Vec<bool>> = captions.iter().find_map(|l| {
        let cells: Vec<&str> = l
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        // "%", or "% of total" / "% of revenue".
        let share = |c: &str| c == "%" || c.starts_with("% of") || c == "(%)";
        (l.contains('\t') && cells.len() == cols.len() && cells.iter().any(|c| share(c)))
            .then(|| cells.iter().map(|c| share(c)).collect())
    });
    let share_column = |i: usize| units.as_ref().is_some_and(|u| u[i]);
    // Periods over pairs of columns (an amount and its share under each year).
    let periods = header_periods(above, cols.len()).or_else(|| {
        let half = header_periods(above, cols.len() / 2)?;
        (units.is_some() && cols.len().is_multiple_of(2))
            .then(|| half.into_iter().flat_map(|p| [p.clone(), p]).collect())
    });
    // Revenue and capital expenditures only when every column is a known period or change:
    // their rows also stand in segment tables whose columns a row alone cannot tell apart.
    if matches!(rk.kind, "revenue" | "capex") && periods.is_none() {
        return Vec::new();
    }
    // A bare "Revenue" row is the company's when it opens the table under its header, not a
    // segment's under the segment's name ("Cloud Services" over "Revenue⇥...").
    // Nor one whose columns repeat their periods: segments side by side ("Family of Apps",
    // "Reality Labs", "Total", each over "2024⇥2023⇥% change").
    if p.plain_revenue.is_match(label) {
        let last = above
            .trim_end_matches(['\n', ' '])
            .lines()
            .next_back()
            .unwrap_or("");
        // A header's note counts as the header: "(unaudited)".
        let note = {
            let t = last.trim();
            t.len() < 40 && t.starts_with('(') && t.ends_with(')')
        };
        let opens =
            last.contains('\t') || scale_in(last).is_some() || last.trim().is_empty() || note;
        let named: Vec<&String> = periods.iter().flatten().flatten().collect();
        // A pair of periods that comes back ("2024⇥2023⇥% change" three times), not the
        // periods of two groups ("Three Months Ended" and "Six Months Ended", each over
        // "2024⇥2025").
        let pairs: Vec<(&String, &String)> = named.windows(2).map(|w| (w[0], w[1])).collect();
        // With change columns between the groups: segments, each with its change.
        let changes = periods.iter().flatten().any(Option::is_none);
        let repeated = changes
            && pairs
                .iter()
                .enumerate()
                .any(|(i, a)| pairs[..i].contains(a));
        if !opens || repeated {
            return Vec::new();
        }
    }
    let label_scale = scale_in(label);
    // A caption above the table ("(in millions, except percentages)") scales its money; and
    // its counts, when it makes no exception ("(in thousands)" over "Daily active users").
    let caption_scale = captions.iter().find_map(|l| scale_in(l));
    // Not a money unit's thousands ("RMB'000" over "Number of GPUs owned⇥1,024").
    let count_scale = captions
        .iter()
        .find(|l| scale_in(l).is_some())
        .filter(|l| !l.to_lowercase().contains("except"))
        .filter(|l| !in_thousands_of_money(l))
        .and_then(|l| scale_in(l));
    let label_currency = p
        .currency
        .captures(label)
        .and_then(|c| number::currency_code(&c["c"]))
        .or_else(|| captions.iter().find_map(|l| caption_currency(l)))
        // A US-style statement puts "$" on its first row only ("API revenue⇥$⇥412,530" over
        // "Total revenue⇥⇥508,648"): the table's currency.
        .or_else(|| rows_currency(above));
    let per = super::metrics::per_of_words(label);
    // "¥" over a fiscal year that ends on March 31 is Japan's yen, as in prose.
    let label_currency = match label_currency {
        Some("CNY")
            if !above.contains("RMB")
                && above.contains('¥')
                && above.to_lowercase().contains("ended march 31") =>
        {
            Some("JPY")
        }
        c => c,
    };
    // "¥" in a table whose caption is in yen is yen, not renminbi.
    let in_yen = label_currency == Some("JPY");
    let yen = |c: Option<&'static str>| match c {
        Some("CNY") if in_yen => Some("JPY"),
        c => c,
    };
    let mut out = Vec::new();
    for (i, col) in cols.iter().enumerate() {
        let Some(q) = &col.quantity else { continue };
        if q.year_like {
            continue;
        }
        let percent = q.kind == NumberKind::Percent
            || share_column(i)
            || (label_percent && q.kind == NumberKind::Plain);
        let is_multiple = q.kind == NumberKind::Multiple;
        let (value, unit, currency) = match rk.unit {
            Unit::Percent if percent => (q.value, "%".to_string(), None),
            Unit::Percent => continue,
            // "MaaS⇥48,213⇥38.7" under "RMB'000⇥%": the line's share of revenue too.
            Unit::Money if share_column(i) && rk.kind == "token_revenue" => {
                (q.value, "%".to_string(), None)
            }
            Unit::Throughput if q.kind == NumberKind::Multiple => (q.value, "x".to_string(), None),
            _ if percent || q.kind != NumberKind::Plain => continue,
            Unit::Tokens => (
                q.value * label_scale.or(count_scale).unwrap_or(1.0),
                "tokens".to_string(),
                None,
            ),
            Unit::Users => (
                q.value * label_scale.or(count_scale).unwrap_or(1.0),
                "users".to_string(),
                None,
            ),
            Unit::Throughput => (q.value, "tokens/s".to_string(), None),
            Unit::Latency => {
                let lower = label.to_lowercase();
                let seconds = lower.contains("(seconds)") || lower.contains("(s)");
                (
                    if seconds { q.value * 1000.0 } else { q.value },
                    "ms".to_string(),
                    None,
                )
            }
            Unit::Parameters => (
                q.value * label_scale.unwrap_or(1.0),
                "parameters".to_string(),
                None,
            ),
            Unit::Units => (
                q.value * label_scale.or(count_scale).unwrap_or(1.0),
                "GPUs".to_string(),
                None,
            ),
            Unit::Power => {
                let gw = p
                    .power
                    .captures(label)
                    .is_some_and(|c| c["u"].to_lowercase().starts_with('g'));
                (
                    if gw { q.value * 1000.0 } else { q.value },
                    "MW".to_string(),
                    None,
                )
            }
            Unit::Money => {
                let Some(cur) = yen(col.currency).or(label_currency) else {
                    continue;
                };
                let scale = if q.scaled {
                    1.0
                } else {
                    match label_scale.or(caption_scale) {
                        Some(s) => s,
                        // A financial statement's total is in thousands or millions; without
                        // the caption that says which, its figure would be wrong.
                        None if matches!(rk.kind, "revenue" | "capex") => continue,
                        None => 1.0,
                    }
                };
                // "Purchases of property and equipment⇥(25,256)": an outflow in a cash flow
                // statement; the spending is the amount.
                let value = if rk.kind == "capex" {
                    (q.value * scale).abs()
                } else {
                    q.value * scale
                };
                (value, cur.to_string(), Some(cur))
            }
            Unit::PerTokens(denom) => {
                let Some(cur) = yen(col.currency).or(label_currency) else {
                    continue;
                };
                (q.value * denom, format!("{cur}/1M tokens"), Some(cur))
            }
        };
        out.push(Found {
            kind: rk.kind,
            value,
            unit,
            currency,
            per: match rk.unit {
                Unit::Tokens => per,
                Unit::Throughput if !is_multiple => Some("second"),
                _ => None,
            },
            low: None,
            high: None,
            qualifier: None,
            direction: super::metrics::direction_of(label),
            subject: None,
            period: periods.as_ref().and_then(|ps| ps[i].clone()),
            start: col.span.start,
            end: col.span.end,
            value_start: col.span.start,
            confidence: 0.7,
        });
    }
    out
}

/// The caption lines above a row, nearest first: lines of the table's block that are no rows
/// (no tabs, or no figures), such as "(in millions, except percentages)", "Percentage of total
/// revenue" or "RMB'000⇥RMB'000".
fn caption_lines(above: &str) -> Vec<&str> {
    above
        .lines()
        .rev()
        .take(14)
        .map(str::trim)
        // A sentence of prose ends the table's block: "our cost per million tokens fell by
        // more than half." names no row of the table under it.
        .take_while(|l| !prose_sentence(l))
        .filter_map(|l| {
            // A units row ("RMB'000⇥%⇥RMB'000⇥%") counts as a caption too; and so does a
            // header row's first cell ("(in thousands, except percentages)⇥2024⇥2025").
            let figures = |t: &str| {
                t.replace("'000", "")
                    .replace("’000", "")
                    .contains(|c: char| c.is_ascii_digit())
            };
            if l.is_empty() || l.len() > 120 {
                None
            } else if !l.contains('\t') || !figures(l) {
                Some(l)
            } else {
                // Only a header row: its other cells are periods (not an earlier row's
                // "Tokens processed (in trillions)⇥1.8⇥0.6").
                let mut cells = l.split('\t').map(str::trim).filter(|c| !c.is_empty());
                let first = cells.next().unwrap_or("");
                let header = cells.all(|c| patterns().period_cell.is_match(c));
                (header && !figures(first) && scale_in(first).is_some()).then_some(first)
            }
        })
        .collect()
}

/// The currency of the money rows right above, in the same table (lines with tabs, back to the
/// first line without): a cell that is a currency sign ("$") or starts with one ("$412,530").
fn rows_currency(above: &str) -> Option<&'static str> {
    for line in above.lines().rev().take(30) {
        if !line.contains('\t') {
            // Prose over the table ends it; blank lines and captions inside it do not
            // ("Product⇥$ 15,535" over "Service and other⇥40,982", a blank line, "Total revenue").
            if line.len() > 80 {
                return None;
            }
            continue;
        }
        for cell in line.split('\t').skip(1) {
            let c = cell.trim();
            let sign = ["HK$", "US$", "RMB", "€", "£", "$"].into_iter().find(|s| {
                c.starts_with(s)
                    && c[s.len()..]
                        .trim_start()
                        .chars()
                        .all(|d| d.is_ascii_digit() || matches!(d, ',' | '.' | '(' | ')'))
            });
            if let Some(sign) = sign {
                return number::currency_code(sign);
            }
        }
    }
    None
}

/// Whether a line without tabs is the end of a sentence of prose ("We estimate that our cost
/// per million tokens fell by more than half."), not a caption ("(in millions)", "Percentage
/// of total revenue", "The following table presents revenue by source:").
fn prose_sentence(line: &str) -> bool {
    !line.contains('\t')
        && line.ends_with('.')
        && !line.ends_with("etc.")
        && line.split_whitespace().count() >= 5
}

/// The currency a caption names: "(in € thousands)", "(Millions of yen)", "(in U.S. dollars)",
/// or a row whose cells lost their tabs ("Product $ 15,535 $ 15,741"); none from prose that
/// states an amount ("Sales were €45 million in 2023").
fn caption_currency(line: &str) -> Option<&'static str> {
    let amount = ["$", "€", "£", "¥", "RMB"].iter().any(|sign| {
        line.match_indices(sign).any(|(k, _)| {
            line[k + sign.len()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        })
    });
    let words = line
        .split_whitespace()
        .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_lowercase()))
        .count();
    if amount && words >= 3 {
        return None;
    }
    let lower = line.to_lowercase();
    if lower.contains("yen") {
        return Some("JPY");
    }
    if lower.contains("u.s. dollars") || lower.contains("us dollars") {
        return Some("USD");
    }
    if lower.contains("renminbi") {
        return Some("CNY");
    }
    [
        ("HK$", "HKD"),
        ("US$", "USD"),
        ("RMB", "CNY"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("$", "USD"),
        ("USD", "USD"),
        ("CNY", "CNY"),
        ("HKD", "HKD"),
        ("EUR", "EUR"),
        ("GBP", "GBP"),
        ("JPY", "JPY"),
        // Renminbi; yen in a fiscal year that ends on March 31 (see `row_metrics`).
        ("¥", "CNY"),
    ]
    .iter()
    .find(|(sign, _)| line.contains(sign))
    .map(|(_, code)| *code)
}

/// What a row measures by its table's caption: shares of revenue ("Percentage of total
/// revenue" over "Customer A" or "API and token consumption"), or prices per so many tokens
/// ("Model API pricing (RMB per million tokens)" over "Average input price").
fn captioned_kind(label: &str, captions: &[&str]) -> Option<RowKind> {
    let p = patterns();
    for c in captions {
        // "Revenue by business line" over "Token-based API services": that line's revenue.
        let lower = c.to_lowercase();
        // Only captions about revenue or tokens can make a row's kind.
        if !lower.contains("revenue") && !lower.contains("token") {
            continue;
        }
        // "Revenue:", "Revenue by business line", "a breakdown of our revenue by business
        // line".
        let about_revenue = lower.starts_with("revenue")
            || lower.contains("breakdown of our revenue")
            || lower.contains("revenue by ");
        // And its "Total" row is the revenue.
        if about_revenue
            && !p.share_caption.is_match(c)
            && matches!(label, "Total" | "Total revenue" | "Total revenues")
        {
            return Some(RowKind {
                kind: "revenue",
                unit: Unit::Money,
            });
        }
        // A line of business that sells tokens is token revenue.
        if about_revenue && !p.share_caption.is_match(c) && p.token_source.is_match(label) {
            return Some(RowKind {
                kind: "token_revenue",
                unit: Unit::Money,
            });
        }
        if p.share_caption.is_match(c) {
            if p.customer.is_match(label) {
                return Some(RowKind {
                    kind: "customer_concentration",
                    unit: Unit::Percent,
                });
            }
            if p.token_source.is_match(label) {
                return Some(RowKind {
                    kind: "token_revenue",
                    unit: Unit::Percent,
                });
            }
        }
        if let Some(m) = p.caption_price.captures(c) {
            let lower = label.to_lowercase();
            let priced = ["price", "input", "output", "cost", "cached", "rate"]
                .iter()
                .any(|w| lower.contains(w));
            if !priced {
                continue;
            }
            let d = m
                .name("d")
                .or_else(|| m.name("d2"))
                .map_or("", |d| d.as_str())
                .to_lowercase();
            let denom = match d.as_str() {
                "thousand" | "1k" | "1,000" => 1e3,
                "token" => 1e6,
                _ => 1.0,
            };
            let cost = lower.contains("cost");
            return Some(RowKind {
                kind: if cost { "token_cost" } else { "token_price" },
                unit: Unit::PerTokens(denom),
            });
        }
    }
    None
}

/// A table whose columns name the measures and whose rows name models ("Model⇥Context window
/// (tokens)⇥Output speed (tokens/s)" over "Atlas-L⇥1,000,000⇥95"): each cell by its column.
fn column_metrics(cells: &[Cell], above: &str) -> Vec<Found> {
    // The nearest line with as many cells, some of which name measures (not an earlier row);
    // a cheap look at its words first, as most tables are financial statements.
    let measure_words = |l: &str| {
        let lower = l.to_ascii_lowercase();
        [
            "token",
            "parameter",
            "context",
            "latency",
            "gpu",
            "throughput",
            "/s",
            "mw",
            "gw",
        ]
        .iter()
        .any(|w| lower.contains(w))
    };
    // A header may leave out the label column, indented over the values ("      Time to first
    // token (ms)⇥Output speed (tokens/s)" over "Nova-Air⇥180⇥212").
    let heads_of = |l: &str| -> Vec<String> {
        let mut heads: Vec<String> = l.split('\t').map(|h| h.trim().to_string()).collect();
        if l.starts_with(' ') && heads.len() + 1 == cells.len() {
            heads.insert(0, String::new());
        }
        heads
    };
    let Some(heads) = above
        .lines()
        .rev()
        .take(12)
        .filter(|l| cells.len() >= 2 && measure_words(l))
        .map(heads_of)
        .find(|h| h.len() == cells.len() && h.iter().skip(1).any(|h| row_kind(h).is_some()))
    else {
        return priced_columns(cells, above);
    };
    let subject = cells[0].text;
    let mut out = Vec::new();
    for (head, cell) in heads.iter().zip(cells).skip(1) {
        let Some(rk) = row_kind(head) else { continue };
        if matches!(rk.unit, Unit::Money | Unit::Percent) {
            continue;
        }
        out.extend(cell_under_head(head, cell, subject, ""));
    }
    out
}

/// A cell read as a one-column row labelled by its column's head (under `above`), its spans in
/// the row, its subject the row's label.
fn cell_under_head(head: &str, cell: &Cell, subject: &str, above: &str) -> Vec<Found> {
    let row = format!("{head}\t{}", cell.text);
    let mut out = row_metrics(&row, above);
    let shift = cell.span.start as isize - (head.len() as isize + 1);
    for f in &mut out {
        f.start = (f.start as isize + shift) as usize;
        f.end = (f.end as isize + shift) as usize;
        f.value_start = f.start;
        f.subject = Some(subject.to_string());
    }
    out
}

/// A price table with models as rows and directions as columns, its unit in the caption:
/// "(US$ per 1 million tokens)" over "Model⇥Input⇥Output" over "Lumen-4⇥2.50⇥10.00". Each
/// cell is read as a row labelled by its column's head under that caption.
fn priced_columns(cells: &[Cell], above: &str) -> Vec<Found> {
    // Most tables have no such heads: a cheap look first.
    if !["nput", "utput", "rompt", "ompletion", "ached"]
        .iter()
        .any(|w| above.contains(w))
    {
        return Vec::new();
    }
    let lines: Vec<&str> = above.lines().rev().take(12).collect();
    let Some(k) = lines.iter().position(|l| {
        let heads: Vec<&str> = l.split('\t').map(str::trim).collect();
        heads.len() == cells.len()
            && heads.len() >= 2
            && heads[1..].iter().all(|h| {
                let h = h.to_ascii_lowercase();
                ["input", "output", "prompt", "completion", "cached"]
                    .iter()
                    .any(|d| h.starts_with(d))
            })
    }) else {
        return Vec::new();
    };
    // The caption with the price unit, above the header.
    let Some(caption) = lines[k + 1..]
        .iter()
        .take(3)
        .find(|l| !l.contains('\t') && patterns().caption_price.is_match(l))
    else {
        return Vec::new();
    };
    let heads: Vec<&str> = lines[k].split('\t').map(str::trim).collect();
    let subject = cells[0].text;
    let mut out = Vec::new();
    for (head, cell) in heads.iter().zip(cells).skip(1) {
        out.extend(cell_under_head(head, cell, subject, caption));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_row_under_a_year_header() {
        let above = "Key metrics\nYear Ended December 31,\n2025\t2024\t2023\n";
        let row = "Tokens processed (in trillions)\t52.1\t11.4\t1.9";
        let found = row_metrics(row, above);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].kind, "token_volume");
        assert_eq!(found[0].value, 52.1e12);
        assert_eq!(
            found[0].period.as_deref(),
            Some("year ended December 31, 2025")
        );
        assert_eq!(&row[found[2].start..found[2].end], "1.9");
    }

    #[test]
    fn change_columns_keep_the_alignment_and_give_no_figure() {
        let above = "2025\t2024\t% change\n";
        let row = "Average price per million tokens (RMB)\t0.80\t1.20\t(33)%";
        let found = row_metrics(row, above);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].kind, "token_price");
        assert_eq!(found[1].currency, Some("CNY"));
        assert_eq!(found[1].period.as_deref(), Some("2024"));
    }

    #[test]
    fn money_takes_the_caption_scale_and_the_currency_cell() {
        let above = "(in millions, except percentages)\nFiscal 2025\tFiscal 2024\n";
        let row = "API revenue\t$\t412.3\t$\t187.6";
        let found = row_metrics(row, above);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].kind, "token_revenue");
        assert_eq!(found[0].value, 412.3e6);
        assert_eq!(found[1].period.as_deref(), Some("Fiscal 2024"));
    }

    #[test]
    fn a_percent_after_amounts_is_their_change() {
        assert!(row_metrics("Gross margin\t40,215\t34,670\t16%", "2023\t2022\n").is_empty());
        assert!(row_metrics("Gross margin\t146,052 135,620\t8%", "").is_empty());
        let found = row_metrics("Gross margin\t6,018\t42.5 %\t6,535\t42.6 %", "");
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].value, 42.6);
    }

    #[test]
    fn generic_rows_and_mismatched_headers() {
        assert!(row_metrics("Revenue\t$1,915.4\t$228.9", "2025\t2024\n").is_empty());
        let found = row_metrics(
            "Monthly active users (in millions)\t28.4\t12.0\t3.1",
            "2025\t2024\n",
        );
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|f| f.period.is_none()));
        assert_eq!(found[0].value, 28.4e6);
    }
}
