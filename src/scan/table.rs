//! Token-economy figures in table rows: `Tokens processed (in trillions)⇥52.1⇥11.4⇥1.9` under a
//! header row `2025⇥2024⇥2023`, the way key-metrics tables come out of EDGAR HTML (cells joined
//! by tabs).
//!
//! Only rows whose label names a token-economy measure are read (tokens processed, price per
//! million tokens, API revenue, monthly active users, power, GPUs, ARR, net revenue retention,
//! gross margin in %). Generic financial-statement rows ("Revenue", "Net loss") are left alone:
//! their tables have segment and change columns that a row alone cannot tell apart. Each figure
//! takes the period of its column when the header row above has one cell per column.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::metrics::Found;
use super::number::{self, NumberKind};

/// How far above a row its header and caption are looked for.
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
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    let re = |p: &str| Regex::new(p).expect("valid built-in regex");
    P.get_or_init(|| Patterns {
        price: re(r"(?i)(?:price|pricing|cost|ASP).*tokens?|per\s+(?:one\s+)?(?:million|thousand|1M|1K|1,000|1,000,000)\s+(?:input\s+|output\s+)?tokens"),
        token_revenue: re(r"(?i)(?:\b(?:API|token|tokens|MaaS|model-as-a-service|usage-based|consumption-based|inference)\b.*\brevenues?\b|\brevenues?\b.*\b(?:API|tokens?|MaaS|model-as-a-service|inference)\b)"),
        tokens: re(r"(?i)\btokens?\b"),
        users: re(r"(?i)\b(?:monthly\s+active\s+users|daily\s+active\s+users|MAUs?|DAUs?|paying\s+users|active\s+users|registered\s+users|developers)\b"),
        power: re(r"(?i)\b(?P<u>MW|GW|megawatts|gigawatts)\b"),
        gpus: re(r"(?i)\b(?:GPUs|accelerators)\b"),
        arr: re(r"(?i)\bARR\b|annual(?:ized)?\s+recurring\s+revenue|run[- ]rate"),
        retention: re(r"(?i)net\s+(?:dollar\s+|revenue\s+|expansion\s+)?retention|\bNRR\b|\bNDR\b|\bDBNRR\b"),
        margin: re(r"(?i)gross\s+(?:profit\s+)?margin"),
        rpo: re(r"(?i)remaining\s+performance\s+obligations|\bRPO\b"),
        scale: re(r"(?i)\b(?:in\s+)?(?:(?:US\$|\$|RMB|HK\$|€|£)\s*(?:in\s+)?)?(?P<s>thousands|millions|billions|trillions)\b"),
        currency: re(r"(?:\(|\b)(?P<c>US\$|HK\$|RMB|USD|HKD|EUR|GBP|CNY|\$|€|£|¥)"),
        period_cell: re(r"(?i)^(?:(?:FY|fiscal(?:\s+year)?|CY)\s*'?\d{2,4}|(?:19|20)\d{2}(?:\s*\(?[A-Z]\)?)?|Q[1-4]\s*(?:FY\s*)?'?\d{2,4}|[1-4]Q\s*'?\d{2,4}|H[12]\s*'?\d{2,4}|[12]H\s*'?\d{2,4}|(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)\s+(?:\d{1,2},\s*)?\d{4})$"),
        change_cell: re(r"(?i)^(?:%\s*)?(?:change|chg\.?|growth|y/y|yoy|%)(?:\s*\(%\))?$|^%\s+change$|^change\s*\(?%\)?$"),
        caption: re(r"(?i)^(?P<lead>(?:(?:three|six|nine|twelve)\s+months|years?|fiscal\s+years?|quarters?|periods?)\s+ended|as\s+(?:of|at))\s+(?P<date>[A-Za-z]+\.?\s+\d{1,2}),?$"),
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
        out.push(Cell {
            text,
            span: at + lead..at + lead + text.len(),
        });
        at += part.len() + 1;
    }
    out
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
}

fn row_kind(label: &str) -> Option<RowKind> {
    let p = patterns();
    let kind = |kind, unit| Some(RowKind { kind, unit });
    let lower = label.to_lowercase();
    if p.tokens.is_match(label) && p.price.is_match(label) {
        let denom = if lower.contains("per token") {
            1e6
        } else if ["thousand", "1k", "1,000 "]
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
    if p.tokens.is_match(label) && !lower.contains("revenue") {
        return kind("token_volume", Unit::Tokens);
    }
    if p.users.is_match(label) {
        return kind("users", Unit::Users);
    }
    if p.power.is_match(label) && (lower.contains("power") || lower.contains("capacity")) {
        return kind("compute_power", Unit::Power);
    }
    if p.gpus.is_match(label) {
        return kind("compute_units", Unit::Units);
    }
    None
}

/// The scale a label or caption states: "(in trillions)", "(RMB in millions)".
fn scale_in(s: &str) -> Option<f64> {
    let c = patterns().scale.captures(s)?;
    Some(match c.name("s")?.as_str().to_lowercase().as_str() {
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        _ => 1e12,
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
        if cells.len() != columns {
            return None;
        }
        // "Year Ended December 31," above years: "year ended December 31, 2024".
        let caption = lines[k.saturating_sub(2)..k].iter().rev().find_map(|l| {
            let first = l.split('\t').map(str::trim).find(|c| !c.is_empty())?;
            p.caption.captures(first).map(|c| {
                let lead = c["lead"].split_whitespace().collect::<Vec<_>>().join(" ");
                format!("{} {}", lead.to_lowercase(), &c["date"])
            })
        });
        return Some(
            cells
                .iter()
                .map(|c| {
                    p.period_cell.is_match(c).then(|| {
                        let bare_year = c.len() == 4 && c.chars().all(|d| d.is_ascii_digit());
                        match &caption {
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

/// The figures of one table row (`row` holds tabs), with `above` the text before it.
pub fn row_metrics(row: &str, above: &str) -> Vec<Found> {
    let p = patterns();
    let cells = cells(row);
    let Some(label) = cells.first().map(|c| c.text) else {
        return Vec::new();
    };
    if !label.contains(char::is_alphabetic) {
        return Vec::new();
    }
    let Some(rk) = row_kind(label) else {
        return Vec::new();
    };
    let cols = columns(&cells);
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
    if matches!(rk.unit, Unit::Percent) && amounts > 0 && amounts != percents {
        return Vec::new();
    }
    let periods = header_periods(above, cols.len());
    let label_scale = scale_in(label);
    // A caption above the table ("(in millions, except percentages)") scales its money.
    let caption_scale = || {
        above
            .lines()
            .rev()
            .take(10)
            .filter(|l| l.to_lowercase().contains("in "))
            .find_map(scale_in)
    };
    let label_currency = p
        .currency
        .captures(label)
        .and_then(|c| number::currency_code(&c["c"]));
    let per = super::metrics::per_of_words(label);
    let mut out = Vec::new();
    for (i, col) in cols.iter().enumerate() {
        let Some(q) = &col.quantity else { continue };
        if q.year_like {
            continue;
        }
        let percent = q.kind == NumberKind::Percent;
        let (value, unit, currency) = match rk.unit {
            Unit::Percent if percent => (q.value, "%".to_string(), None),
            Unit::Percent => continue,
            _ if percent || q.kind != NumberKind::Plain => continue,
            Unit::Tokens => (
                q.value * label_scale.unwrap_or(1.0),
                "tokens".to_string(),
                None,
            ),
            Unit::Users => (
                q.value * label_scale.unwrap_or(1.0),
                "users".to_string(),
                None,
            ),
            Unit::Units => (q.value, "GPUs".to_string(), None),
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
                let Some(cur) = col.currency.or(label_currency) else {
                    continue;
                };
                let scale = if q.scaled {
                    1.0
                } else {
                    label_scale.or_else(caption_scale).unwrap_or(1.0)
                };
                (q.value * scale, cur.to_string(), Some(cur))
            }
            Unit::PerTokens(denom) => {
                let Some(cur) = col.currency.or(label_currency) else {
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
            per: if matches!(rk.unit, Unit::Tokens) {
                per
            } else {
                None
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
