//! Token-economy metrics: what a quantity in a sentence measures, read from the words around it.
//!
//! Every quantity that [`number::quantities`] finds in a sentence is tried against the rules
//! below, most specific first; the first rule that fits decides its kind, unit and rate. A
//! quantity that no rule fits is not a metric. The rules look at the words right after the
//! quantity (its unit: "tokens per second", "per million tokens", "MW") and at the words before
//! it (what is measured: "capital expenditures of", "average daily token consumption volume
//! was"). "per million tokens" and "per 1,000 tokens" are units, never values.

use std::sync::OnceLock;

use regex::Regex;

use super::number::{self, NumberKind, Quantity};
use crate::util::{head, tail};

/// A metric found in one sentence; offsets are relative to the sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub kind: &'static str,
    pub value: f64,
    pub unit: String,
    pub currency: Option<&'static str>,
    pub per: Option<&'static str>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<&'static str>,
    /// `input` or `output`, for token prices, costs and volumes that say which.
    pub direction: Option<&'static str>,
    pub subject: Option<String>,
    pub period: Option<String>,
    pub start: usize,
    pub end: usize,
    /// Where the number itself starts (the span may start earlier, at a hedge word).
    pub value_start: usize,
    pub confidence: f64,
}

struct Patterns {
    tokens_after: Regex,
    per_second: Regex,
    tok_s: Regex,
    context_after: Regex,
    rate_after: Regex,
    price_after: Regex,
    price_before: Regex,
    context_before: Regex,
    volume_before: Regex,
    training_before: Regex,
    per_request_after: Regex,
    rate_limit_before: Regex,
    max_output_before: Regex,
    unit_of_price: Regex,
    net_retention_before: Regex,
    token_share_after: Regex,
    per_unit_after: Regex,
    tokens_named: Regex,
    regulatory_threshold: Regex,
    year_span: Regex,
    latency_unit: Regex,
    latency_before: Regex,
    params_after: Regex,
    power_after: Regex,
    units_after: Regex,
    users_after: Regex,
    of_revenue_after: Regex,
    speed_words: Regex,
    crypto: Regex,
    credential_before: Regex,
    denominator_before: Regex,
    qualifier: Regex,
    money_keyword: Regex,
    token_revenue: Regex,
    period: Regex,
    model: Regex,
    model_after: Regex,
    family: Regex,
    forward_looking: Regex,
    model_context: Regex,
    margin_link: Regex,
    margin_change: Regex,
    econ_link: Regex,
    change_words: Regex,
    change_to: Regex,
    other_amount: Regex,
    change_by_to: Regex,
    econ_after: Regex,
    named_customers: Regex,
    market_size: Regex,
    revenue_source_after: Regex,
    other_measure_after: Regex,
    change_of_before: Regex,
    share_verb_before: Regex,
    revenue_word: Regex,
    window_after: Regex,
    per_unit_after_keyword: Regex,
    customer_threshold: Regex,
    not_our_users: Regex,
    users_before: Regex,
    other_count: Regex,
    energy_procurement: Regex,
    cost_words: Regex,
    per_words: Regex,
    base_amount: Regex,
    example: Regex,
    described_tokens: Regex,
}

/// Compile a built-in pattern. The patterns are about ASCII words, so they are compiled without
/// Unicode classes and case folding where they allow it: that makes them several times cheaper
/// to build, which is most of a small file's scan time. A pattern with non-ASCII classes keeps
/// Unicode mode.
fn re(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .unicode(false)
        .build()
        .or_else(|_| Regex::new(pattern))
        .unwrap_or_else(|e| panic!("invalid built-in regex {pattern}: {e}"))
}

/// Accelerator models named before "GPUs" ("16,384 NVIDIA H100 GPUs").
const ACCELERATOR: &str = r"(?:H100|H200|H800|H20|A100|A800|B100|B200|B300|GB200|GB300|L40S|MI300X?|MI325X|MI355X|TPU\s?v?\d*|Blackwell|Hopper|Ascend\s*\d*[A-Z]?)";

const MONTH: &str = "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        tokens_after: re(r"(?i)^\s*(?:-\s*|\s)?(?P<adj>(?:(?:input|output|prompt|completion|generated|processed|monthly|daily|weekly|annual|annualized|yearly|quarterly|total|ai|text|llm|api|cumulative|average|model|inference|reasoning|multimodal|speech|audio|video|image)\s+)*)(?P<tok>tokens?)(?:\d{1,2})?(?-u:\b)"),
        per_second: re(r"(?i)^\s*(?:per|/|a|an|each|every)\s*(?:second|sec|s)(?-u:\b)"),
        tok_s: re(r"(?i)^\s*(?:tok/s|tokens?/s(?:ec)?|tps|t/s|tokens?/second)(?-u:\b)"),
        context_after: re(r"(?i)^\s*-?\s*(?:of\s+)?(?:long\s+)?(?:context[- ]window|context[- ]length|input\s+context|context|window)(?-u:\b)"),
        rate_after: re(r"(?i)^\s*,?\s*(?:(?:processed|consumed|generated|served|handled|used)\s+)?(?:(?:per|a|an|each|every|this|last|in\s+the|during\s+the|for\s+the)\s+(?P<p>second|minute|hour|day|week|month|quarter|year)(?-u:\b)|(?P<adv>monthly|daily|weekly|annually|quarterly|yearly|on\s+a\s+(?:daily|monthly|weekly|quarterly|annual|annualized)\s+basis|annualized))"),
        price_after: re(r"(?i)^\s*(?:per|/|for\s+(?:every|each)|for|a|an|each)\s*(?:(?P<denom>(?:one\s+|a\s+|1\s+|ten\s+)?(?:million|thousand|billion|hundred)|10,000|10\s?[Kk]|1\s?[MK]|1,000,000|1,000|1000|100|[MK])?\s*(?P<io>(?:input|output|prompt|completion|cached|generated)\s+)?tokens?|(?P<mtok>1?M)\s?Toks?)(?-u:\b)(?:\s+for\s+(?P<io2>input|output)(?-u:\b))?"),
        price_before: re(r"(?i)(?:price|pricing|cost|charge|rate|fee|revenue)s?\s+(?:[A-Za-z0-9_]+\s+){0,3}(?:per|to\s+(?:serve|generate|produce|process|output)|(?:of|for)\s+(?:serving|generating|producing|processing))\s+(?P<denom>(?:one\s+|a\s+|1\s+|ten\s+)?(?:million|thousand|billion)|10,000|10\s?[Kk]|1\s?[MK]|1,000,000|1,000|token)\s+(?P<io>(?:input|output|prompt|completion)\s+)?(?:tokens?\s+)?[^.;]{0,90}$"),
        context_before: re(r"(?i)context(?:[- ]windows?|[- ]lengths?)?(?:\s+(?:sizes?|of|is|are|was|were|up|to|supports?|supporting|with|extends?|extended|a|an|the|lengths?|windows?|reaching|reaches|handles?|handling|accommodates?|for|our|its|their|models?|ranges?|ranging|range|from|between|as|large|long|high)){0,8}\s*$"),
        volume_before: re(r"(?i)(?P<adj>daily|monthly|weekly|annual|annualized|quarterly|yearly)?\s*(?:average\s+)?(?:(?P<adj2>daily|monthly|weekly|annual|quarterly)\s+)?tokens?\s+(?:consumption|processing|usage|call|generation|throughput)?\s*(?:volume|volumes|consumption|usage|processed|consumed|calls)(?-u:\b)(?:\s+[A-Za-z0-9_]+){0,6}?\s+(?:was|were|of|reached|exceeded|surpassed|hit|to|at|totaled|amounted\s+to|grew\s+to|increased\s+to|is|from)\s*(?:approximately|about|around|over|more\s+than|nearly|almost|up\s+to|roughly)?\s*$"),
        year_span: re(r"^(?:19|20)\d{2}\s*(?:–|—|-|to|through)\s*(?:19|20)\d{2}$"),
        regulatory_threshold: re(r"(?i)(?-u:\b)(?:emerging\s+growth\s+compan(?:y|ies)|smaller\s+reporting\s+compan(?:y|ies)|(?:large\s+)?accelerated\s+filer|public\s+float|EGC)(?-u:\b)"),
        per_unit_after: re(r"(?i)^(?P<unit>\s*(?:per|/|for\s+every|for\s+each)\s*(?P<denom>(?:one\s+|a\s+|1\s+|ten\s+)?(?:million|thousand|billion)|10,000|10\s?[Kk]|1\s?[MK]|1,000,000|1,000)(?-u:\b)(?:\s+(?:input|output|prompt|completion|cached))?)(?:\s*[,;.)]|\s+(?:and|or|for|in|on|with|while|as|compared|versus)(?-u:\b)|\s*$)"),
        tokens_named: re(r"(?i)(?-u:\b)(?P<io>input|output|prompt|completion|cached(?:\s+input)?)?\s*tokens?(?-u:\b)"),
        token_share_after: re(r"(?i)^\s*(?:,\s*or\s+[0-9][0-9.,]*\s*%\s*,)?\s*(?:was|were)?\s*(?:attributable\s+to|generated\s+(?:from|by)|derived\s+from|came\s+from|from)\s+(?:our\s+|the\s+)?(?:(?:pay-as-you-go|pay-per-use|metered)\s+)?(?:token-based|usage-based|consumption-based|tokens?|API|MaaS|model-as-a-service|inference)(?-u:\b)(?:[A-Za-z -]{0,40}?(?-u:\b)(?:usage|consumption|services?|sales|calls|revenues?)(?-u:\b))?"),
        net_retention_before: re(r"(?i)(?:(?:dollar-based\s+)?net\s+(?:dollar\s+|revenue\s+|expansion\s+)?retention|(?-u:\b)NRR|(?-u:\b)NDR|(?-u:\b)DBNRR)(?:\s+rates?)?(?:[^.;%$]{0,90}?(?-u:\b)(?:was|were|of|is|reached|at|exceeded|remained|to))?\s*(?:approximately|about|over|more\s+than|above|nearly|in\s+excess\s+of)?\s*$"),
        unit_of_price: re(r"(?i)(?:price|pricing|cost|charge|fee)s?\s+(?:to|of|for)\s+(?:serve|serving|generate|generating|produce|producing|process|processing|output|outputting)\s*$"),
        max_output_before: re(r"(?i)(?-u:\b)(?:max|maximum)\s+(?:output|generation|completion|response)(?:\s+(?:length|size|tokens?|limit))?(?:\s+(?:of|is|was|up|to|at)){0,3}\s*$"),
        per_request_after: re(r"(?i)^\s*(?:in|per|within)\s+(?:a\s+|one\s+|each\s+)?(?:single\s+)?(?:prompt|request|query|conversation|call|context)(?-u:\b)"),
        rate_limit_before: re(r"(?i)(?-u:\b)(?:limited\s+to|limits?\s+of|rate\s+limits?|capped\s+at|quotas?\s+of|throttled\s+at)(?-u:\b)[^.;]{0,60}$"),
        training_before: re(r"(?i)(?:(?:trained|pre-?trained|training|pre-?training)\s+(?:[A-Za-z0-9_]+\s+){0,4}(?:on|with|of|using)|(?:training|pre-?training)\s+(?:corpus|corpora|data|dataset|datasets)\s+(?:[A-Za-z0-9_]+\s+){0,3}?(?:contained|contains|comprised|comprises|included|includes|totaled|totaling|spanning|spans|had|has|with|of))\s+(?:approximately|about|over|more\s+than|nearly|up\s+to|roughly|around)?\s*$"),
        latency_unit: re(r"(?i)^\s*(?P<u>milliseconds?|ms|seconds?|secs?|s)(?-u:\b)"),
        latency_before: re(r"(?i)(?:time[- ]to[- ]first[- ]token|TTFT|latency|first[- ]token|response\s+time)"),
        params_after: re(r"(?i)^\s*-?\s*(?:total\s+|active\s+|activated\s+)?parameters?(?-u:\b)"),
        power_after: re(r"^\s*(?P<u>MW|GW|kW|(?i:megawatts?|gigawatts?|kilowatts?))(?-u:\b)"),
        units_after: re(&format!(r"(?i)^\s*(?:of\s+(?:our|its|their|these|the)\s+)?(?:(?P<model>(?:(?:NVIDIA|AMD|Google|Huawei)\s+)?{ACCELERATOR}\s*)(?P<more>(?:(?:,|,?\s+and|,?\s+or|/)\s*(?:(?:NVIDIA|AMD|Google|Huawei)\s+)?{ACCELERATOR}\s*)+)?|(?-i:[A-Z][A-Z0-9-]{{1,8}}\s+))?(?P<noun>GPUs?|graphics\s+processing\s+units|accelerators|TPUs|chips|H100s|H200s|A100s|B200s|GB200s)(?-u:\b)")),
        users_after: re(r"(?i)^\s*(?:(?:were|are|was|is)\s+)?(?:average\s+)?(?:(?:monthly|daily|weekly)\s+active\s+|(?:(?:active|registered|paying|individual|enterprise|business|consumer)\s+(?:and|or)\s+)?(?:active|registered|paying|individual|enterprise|business|consumer)\s+)?(?:users|developers|MAUs|DAUs)(?-u:\b)"),
        of_revenue_after: re(r"(?i)^\s*(?:of\s+(?:our\s+|the\s+|its\s+)?(?:total\s+)?(?:net\s+)?revenues?)"),
        speed_words: re(r"(?i)(?-u:\b)(?:throughput|faster|speed|speeds|tokens\s+per\s+second|tok/s|inference\s+performance|generation\s+rate)(?-u:\b)"),
        crypto: re(r"(?i)(?-u:\b)(?:stock\s+tokens?|tokeni[sz]ed|tokeni[sz]ation\s+of|crypto[A-Za-z0-9_]*|blockchain|nfts?|non-fungible|token\s+sales?|digital\s+assets?|stablecoins?|bitcoin|ethereum|utility\s+tokens?|security\s+tokens?|governance\s+tokens?|airdrops?|web3|defi|coins?|wallets?|trading\s+prices?|treasury\s+assets?|loyalty\s+tokens?|reward\s+tokens?|regulation\s+a\+?)(?-u:\b)"),
        credential_before: re(r"(?i)(?:access|authentication|auth|bearer|refresh|session|security|oauth|api|hardware|software)\s*$"),
        denominator_before: re(r"(?i)(?:(?-u:\b)per|(?-u:\b)every|(?-u:\b)each|/|(?-u:\b)for\s+every|(?-u:\b)for\s+each)\s*(?:one\s+|a\s+)?$"),
        qualifier: re(r"(?i)(?P<q>approximately|approx\.|about|around|roughly|~|an\s+estimated|estimated|over|more\s+than|in\s+excess\s+of|exceeding|exceeded|above|upwards\s+of|greater\s+than|surpassed|surpassing|topped|at\s+least|no\s+less\s+than|no\s+fewer\s+than|a\s+minimum\s+of|up\s+to|as\s+much\s+as|as\s+many\s+as|a\s+maximum\s+of|under|less\s+than|below|fewer\s+than|nearly|almost|close\s+to|just\s+under)\s*$"),
        money_keyword: re(r"(?i)(?-u:\b)(?P<k>annual(?:ized)?\s+recurring\s+revenues?|annuali[sz]ed\s+(?:revenue\s+)?run[- ]rate(?:\s+revenues?)?|(?:revenue\s+)?run[- ]rate(?:\s+revenues?)?|ARR|capital\s+expenditures?|capex|capital\s+spending|purchases\s+of\s+property\s+and\s+equipment|remaining\s+performance\s+obligations?|RPO|gross\s+margins?|gross\s+profit\s+margin|cost\s+of\s+revenues?|(?:unearned|deferred)\s+revenues?|revenues?\s+(?:commitments?|share|growth|backlog)|revenues?|net\s+sales|net\s+loss(?:es)?|net\s+income|gross\s+profit|operating\s+(?:loss|income)|costs?|expenses?|cash|price|prices|pricing|charges?|debt|proceeds|valuation|market\s+cap[A-Za-z0-9_]*|fair\s+value|deficit|margin)(?-u:\b)"),
        token_revenue: re(r"(?i)(?:(?-u:\b)(?:API|token|tokens|usage-based|consumption-based|pay-as-you-go|model-as-a-service|MaaS|inference|open\s+platform)(?-u:\b)[[A-Za-z0-9_]\s-]{0,30}(?-u:\b)revenues?(?-u:\b)|(?-u:\b)revenues?\s+(?:generated\s+|derived\s+|we\s+generated\s+)?from\s+(?:our\s+|the\s+)?(?:“|\x22)?(?:[A-Za-z]+\s+){0,2}?(?:API|token|tokens|usage-based|consumption|pay-as-you-go|MaaS|model-as-a-service|inference|open\s+platform))"),
        period: re(&format!(
            r"(?i)(?-u:\b)(?:(?:(?:for|in|during|over)\s+)?(?:the\s+)?(?P<p>(?:(?:trailing\s+)?(?:three|six|nine|twelve|3|6|9|12)[- ]months?|(?:fiscal\s+)?years?|quarters?|(?:fiscal\s+)?quarter|periods?|weeks?)\s+ended\s+{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|(?:as\s+of|as\s+at)\s+(?:the\s+end\s+of\s+)?(?:{MONTH}\s+(?:\d{{1,2}},?\s+)?\d{{4}}|\d{{4}})|(?:as\s+of|as\s+at)\s+the\s+latest\s+practicable\s+date|end\s+of\s+(?:fiscal\s+)?(?:19|20)\d{{2}}(?-u:\b)|(?:early|mid|late)[- ](?:19|20)\d{{2}}(?-u:\b)|(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter(?:\s+of\s+(?:(?:fiscal\s+)?(?:year\s+)?|FY\s*)'?\d{{2,4}}(?-u:\b))?|Q[1-4]\s*(?:FY\s*)?'?\d{{2,4}}|(?:fiscal|FY)\s*'?\d{{2,4}}|(?:early|mid|late|end\s+of)?\s*{MONTH}\s+\d{{4}}|(?:first|second)\s+half\s+(?:of\s+)?(?:(?:fiscal\s+)?(?:year\s+)?|FY\s*)'?\d{{2,4}}(?-u:\b)|(?:first|last)\s+(?:three|six|nine)\s+months\s+of\s+(?:(?:fiscal\s+)?(?:year\s+)?|FY\s*)'?\d{{2,4}}(?-u:\b)|(?:H[12]|[12]H)\s*'?\d{{2,4}}(?-u:\b)|(?:19|20)\d{{2}}\s*(?:–|—|-|to|through)\s*(?:19|20)\d{{2}}(?-u:\b)|(?:calendar\s+)?(?:19|20)\d{{2}}(?-u:\b)|(?:a|one)\s+year\s+(?:earlier|ago|before)|(?:prior|previous)\s+(?:fiscal\s+)?(?:year|quarter)(?-u:\b)|same\s+(?:period|quarter)\s+(?:of\s+|in\s+)?(?:the\s+)?(?:(?:last|prior|previous)\s+(?:fiscal\s+)?year|(?:fiscal\s+)?(?:19|20)\d{{2}}(?-u:\b))|last\s+year)|(?P<month>(?-i:January|February|March|April|June|July|August|September|October|November|December))(?:\s*[^\s0-9]|\s*$))"
        )),
        model: re(r"(?-u:\b)(?P<m>(?:Llama|LLaMA|GPT|Claude|Gemini|Gemma|Mistral|Mixtral|Qwen|DeepSeek|GLM|ChatGLM|CogVLM|CogView|Grok|Phi|ERNIE|Kimi|MiniMax|abab|Hailuo|Falcon|Yi|Nemotron|Jamba|Titan|Nova|Sonnet|Opus|Haiku|o1|o3|o4)(?:[-‑ ]?[A-Za-z]*\d[[A-Za-z0-9_].]*)?(?:[-‑ ](?:\d[[A-Za-z0-9_].]*[BbMmKk]?|[A-Z][[A-Za-z0-9_].]*\d[[A-Za-z0-9_].]*|Turbo|Flash|Pro|Air|Mini|mini|nano|turbo|Instruct|Chat|Sonnet|Opus|Haiku|Ultra|Nano|Maverick|Scout|Behemoth|Max|Plus|Lite|Thinking|Reasoner|Coder|Vision|Omni))*|[A-Z][A-Za-z]{1,12}(?:[-‑][A-Za-z0-9.]*\d[A-Za-z0-9.]*)+)"),
        family: re(r"^(?:Llama|LLaMA|GPT|Claude|Gemini|Gemma|Mistral|Mixtral|Qwen|DeepSeek|GLM|ChatGLM|CogVLM|CogView|Grok|Phi|ERNIE|Kimi|MiniMax|abab|Hailuo|Falcon|Nemotron|Jamba|Titan|Nova|Sonnet|Opus|Haiku)(?-u:\b)"),
        model_after: re(r"^\s*(?:on|for|with|using|serving|running|of|by)\s+(?:the\s+|our\s+)?"),
        model_context: re(r"(?i)token|inference|output\s+generation|generation\s+speed|throughput|(?-u:\b)LLMs?(?-u:\b)|language\s+models?|(?-u:\b)models?(?-u:\b)"),
        margin_link: re(r"(?i)(?:(?-u:\b)(?:was|were|of|at|to|from|reached|is|are|stood\s+at|and|averaged)|(?-u:\b)margins?)\s*(?:approximately|about|around|over|nearly)?\s*(?:negative\s+|minus\s+)?$"),
        margin_change: re(r"(?i)(?-u:\b)(?:impact|effect|headwind|tailwind|benefit|improvement|expansion|contraction|change)(?-u:\b)"),
        econ_link: re(r"(?i)^(?:(?:[^.;$€£¥]|\.[0-9]){0,70}?(?-u:\b)(?:was|were|of|totaled|totaling|totalled|reached|exceeded|surpassed|topped|crossed|to|from|at|is|are|be|been|between|amounted\s+to|and|approximately|about|over|nearly|roughly|around)|\s*,?)\s*(?:approximately|about|around|over|nearly|roughly|more\s+than|up\s+to)?\s*$"),
        change_words: re(r"(?i)(?-u:\b)(?:increase|increased|increases|decrease|decreased|decreases|up|down|by|reduced|reduce|rose|fell|declined|grew|growth|change|changes|changed|impact|offset|higher|lower)(?-u:\b)"),
        change_to: re(r"(?i)(?-u:\b)(?:increased|decreased|grew|rose|fell|declined|reduced|up|down)(?:\s+(?:by\s+)?(?:approximately\s+|about\s+)?[0-9][0-9.,]*\s*(?:%|percent|x|times|-fold))?(?:\s+(?:year[- ]over[- ]year|sequentially|quarter[- ]over[- ]quarter|y/y|yoy))?\s+(?:to|from)\s*(?:approximately|about|over|nearly)?\s*$"),
        change_by_to: re(r"(?i)^\s*(?:[A-Za-z]+\s+){0,2}?(?:increased|decreased|grew|rose|fell|declined)\s+(?:by\s+)?(?:approximately\s+|about\s+)?(?:US\$|\$|€|£|¥|RMB\s?|HK\$)?[0-9][0-9.,]*\s*(?:million|billion|thousand|mn|bn|%|percent)?(?:,?\s+or\s+[0-9][0-9.,]*\s*(?:%|percent),?)?\s+to\s*(?:approximately|about|over|nearly)?\s*$"),
        other_amount: re(r"(?i)(?-u:\b)(?:returns|taxes|repurchases|dividends|proceeds|acquisitions|investments|securities|payments|outflows|inflows|expenses|costs|income|loss|debt|notes|cash)\s+(?:[A-Za-z0-9_]+\s+){0,2}(?:of|was|were|totaled)\s*(?:approximately|about|over|nearly)?\s*$"),
        econ_after: re(r"(?i)^\s*(?:of|in|on)\s+(?:our\s+|total\s+)?(?P<arr>annual(?:ized)?\s+recurring\s+revenues?|annuali[sz]ed\s+(?:revenue\s+)?run[- ]rate(?:\s+revenues?)?|(?:revenue\s+)?run[- ]rate(?:\s+revenues?)?|ARR)(?-u:\b)|^\s*(?:of|in|on)\s+(?:(?:total|annual|annualized|net|our|cash|recurring|API|usage-based|token|subscription)\s+){0,3}(?P<k>capital\s+expenditures?|capex|revenues?|net\s+sales|remaining\s+performance\s+obligations|purchases\s+of\s+property\s+and\s+equipment)(?-u:\b)"),
        customer_threshold: re(r"(?i)(?-u:\b)(?:customers|clients|accounts|enterprises)\s+(?:each\s+)?(?:with|that|who|generating|contributing|spending|paying|each\s+of\s+which)(?-u:\b)[^.;]{0,80}$"),
        share_verb_before: re(r"(?i)(?:accounted\s+for|represented|contributed)\s*(?:approximately|about|around|over|more\s+than|nearly|roughly)?\s*$"),
        revenue_word: re(r"(?i)(?-u:\b)(?:revenues?|net\s+sales)(?-u:\b)"),
        window_after: re(r"(?i)^\s*-?\s*(?:tokens?\s*-?\s*)?(?:long\s+)?context(?:[- ](?:window|length))?(?-u:\b)"),
        per_unit_after_keyword: re(r"(?i)(?-u:\b)(?:revenues?|sales|spend(?:ing)?)\s+per\s+(?:[A-Za-z-]+\s+){0,2}(?:customers?|users?|clients?|accounts?|subscribers?|members?|developers?|seats?|units?)(?-u:\b)[^.;$]{0,40}$"),
        revenue_source_after: re(r"(?i)^[^.;]{0,40}?(?-u:\b)(?:was|were|is|are)?\s*(?:generated|derived|came|comes|earned)\s+(?:from|through)\s+(?:our\s+|the\s+)?(?:[A-Za-z-]+\s+){0,3}?(?:API|tokens?|token-based|usage-based|consumption-based|pay-as-you-go|MaaS|model-as-a-service|inference)(?-u:\b)"),
        market_size: re(r"(?i)(?-u:\b)(?:size\s+of\s+(?:the\s+)?(?:[A-Za-z-]+\s+){0,5}?markets?|market\s+size|addressable\s+market|(?-u:\b)TAM)(?-u:\b)"),
        other_measure_after: re(r"(?i)^\s*(?:in|of)\s+(?:(?:total|net|annual|adjusted|gross)\s+)?(?:operating\s+income|operating\s+loss|net\s+income|net\s+loss|income|profits?|losses|cash|free\s+cash\s+flow|expenses|costs|debt|dividends|share\s+repurchases|buybacks|savings)(?-u:\b)"),
        change_of_before: re(r"(?i)(?-u:\b)(?:increase|decrease|growth|decline|reduction|change)\s+of\s*(?:approximately|about|over|nearly)?\s*$"),
        named_customers: re(r"(?i)(?-u:\b)(?:largest|top(?:\s+[A-Za-z0-9_]+)?|biggest|single|major|significant|individual|one|two|three|four|five|ten)\s+customers?(?-u:\b)|(?-u:\b)customers?\s+[A-Z](?-u:\b)|(?-u:\b)customer\s+concentration(?-u:\b)"),
        users_before: re(r"(?i)(?-u:\b)(?:users|MAUs|DAUs|developers)(?-u:\b)(?:\s+(?:of|for|on|in)\s+(?:our\s+)?[[A-Za-z0-9_]-]+(?:\s+[[A-Za-z0-9_]-]+){0,3})?\s+(?:(?:has|have|had)\s+)?(?:increased|expanded|grew|rose|reached|exceeded|surpassed|totaled|was|were)\s+(?:from|to)?\s*(?:more\s+than|over|approximately|about|around|nearly)?\s*$"),
        other_count: re(r"(?i)^\s*(?:[a-z-]+\s+)?(?:countries|regions|cities|markets|languages|employees|enterprises|customers|companies|members|partners|stores|locations)(?-u:\b)"),
        energy_procurement: re(r"(?i)carbon-free|renewable|power\s+purchase|(?-u:\b)PPAs?(?-u:\b)|solar|wind\s+(?:farm|power|energy)|energy\s+portfolio"),
        not_our_users: re(r"(?i)personal\s+information\s+of|(?-u:\b)operators?(?-u:\b)|(?-u:\b)obliged(?-u:\b)|(?-u:\b)shall(?-u:\b)|(?-u:\b)must(?-u:\b)|(?-u:\b)regulations?(?-u:\b)"),
        forward_looking: re(r"(?i)(?-u:\b)(?:expect|expects|anticipate|anticipates|plan|plans|target|targets|aim|aims|intend|intends|project|projected|forecast|may|could|might|would)(?-u:\b)"),
        cost_words: re(r"(?i)(?-u:\b)costs?\s+(?:us\s+|of\s+|to\s+|for\s+)?(?:serve|serving|produce|producing|generate|generating|inference|compute|run|running|process|processing)(?-u:\b)|(?-u:\b)(?:inference|serving|compute|computing|production|unit|marginal|our|average)\s+costs?(?-u:\b)|(?-u:\b)costs?\s+per\s+(?:million\s+)?tokens?(?-u:\b)|(?-u:\b)to\s+(?:serve|produce|generate)(?-u:\b)"),
        per_words: re(r"(?i)(?-u:\b)(?P<adj>daily|monthly|weekly|annual|annualized|quarterly|yearly|per\s+(?:day|month|week|year|quarter)|a\s+(?:day|month|week|year|quarter)|each\s+(?:day|month|week|quarter|year)|(?:during|in|over)\s+the\s+(?:quarter|month))(?-u:\b)"),
        described_tokens: re(r"^\s*(?:[A-Za-z-]+,?\s+(?:and\s+|or\s+)?){1,5}tokens(?-u:\b)"),
        example: re(r"(?i)(?-u:\b)(?:for\s+example|for\s+instance|e\.g\.|typical(?:ly)?|illustrat[a-z]*|hypothetical[a-z]*|(?:may|might|could|would|can)\s+(?:consume|use|require|contain))(?-u:\b)"),
        base_amount: re(r"(?i)(?-u:\b)(?:from|compared\s+(?:to|with)|versus|vs\.?)\s+(?:approximately\s+|about\s+|over\s+)?(?:US\$|\$|€|£|¥|RMB|HK\$)?\s?[0-9]"),
    })
}

/// Model families whose name alone is a model, never an everyday word.
const MODEL_FAMILIES: &[&str] = &[
    "Llama", "LLaMA", "GPT", "Claude", "Gemini", "Gemma", "Mistral", "Mixtral", "Qwen", "DeepSeek",
    "GLM", "ChatGLM", "CogVLM", "CogView", "Grok", "ERNIE", "Kimi", "MiniMax", "Nemotron", "Jamba",
];

/// Model families and names that are never subjects though they look like them.
const NOT_MODELS: &[&str] = &[
    "Form", "Rule", "Item", "Note", "Section", "Part", "Page", "Series", "Class", "Level", "Tier",
    "Phase", "Stage", "Exhibit", "Schedule", "Article", "Covid", "COVID", "Type", "Grade", "Round",
];

fn per_of(word: &str) -> Option<&'static str> {
    let w = word.to_ascii_lowercase();
    let w = w.trim();
    Some(match w {
        _ if w.contains("second") => "second",
        _ if w.contains("minute") => "minute",
        _ if w.contains("hour") => "hour",
        _ if w.contains("day") || w.contains("daily") => "day",
        _ if w.contains("week") => "week",
        _ if w.contains("month") => "month",
        _ if w.contains("quarter") => "quarter",
        _ if w.contains("year") || w.contains("annual") => "year",
        _ => return None,
    })
}

pub(super) fn direction_of(word: &str) -> Option<&'static str> {
    let w = word.to_ascii_lowercase();
    if w.contains("input") || w.contains("prompt") || w.contains("cached") {
        Some("input")
    } else if w.contains("output") || w.contains("completion") || w.contains("generated") {
        Some("output")
    } else {
        None
    }
}

fn denominator(denom: Option<&str>) -> f64 {
    let Some(d) = denom else { return 1.0 };
    let d = d.to_ascii_lowercase().replace([' ', ','], "");
    let d = d.trim_start_matches("one").trim_start_matches('a');
    match d {
        "million" | "1m" | "1000000" | "m" | "1million" => 1e6,
        "thousand" | "1k" | "1000" | "k" | "1thousand" => 1e3,
        "10000" | "10k" | "tenthousand" => 1e4,
        "billion" | "1billion" => 1e9,
        "hundred" | "100" => 1e2,
        "token" | "" => 1.0,
        _ => 1.0,
    }
}

fn qualifier_of(word: &str) -> &'static str {
    let w = word.to_ascii_lowercase();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    match w.as_str() {
        "approximately" | "approx." | "about" | "around" | "roughly" | "~" | "an estimated"
        | "estimated" => "approximately",
        "over" | "more than" | "in excess of" | "exceeding" | "exceeded" | "above"
        | "upwards of" | "greater than" | "surpassed" | "surpassing" | "topped" => "over",
        "at least" | "no less than" | "no fewer than" | "a minimum of" => "at_least",
        "up to" | "as much as" | "as many as" | "a maximum of" => "up_to",
        "under" | "less than" | "below" | "fewer than" => "under",
        _ => "nearly",
    }
}

/// Finds metrics in sentences. Compile once ([`MetricFinder::new`]), use for every document.
#[derive(Clone, Debug)]
pub struct MetricFinder {
    _private: (),
}

impl Default for MetricFinder {
    fn default() -> Self {
        MetricFinder::new()
    }
}

impl MetricFinder {
    pub fn new() -> MetricFinder {
        let _ = patterns();
        MetricFinder { _private: () }
    }

    /// Words whose presence makes a sentence worth reading closely (lowercase ASCII).
    pub fn keywords() -> &'static [&'static str] {
        &[
            "token",
            "tok/s",
            "parameter",
            "mw",
            "megawatt",
            "gigawatt",
            "gw",
            "gpu",
            "graphics processing unit",
            "accelerator",
            "tpu",
            "capital expenditure",
            "capex",
            "capital spending",
            "property and equipment",
            "revenue",
            "net sales",
            "gross margin",
            "gross profit margin",
            "performance obligation",
            "rpo",
            "users",
            "developers",
            "mau",
            "dau",
            "context",
            "latency",
            "throughput",
            "faster",
            "speed",
            "recurring revenue",
            "run-rate",
            "run rate",
            "retention",
            "nrr",
            "ndr ",
            "ndr,",
            "ndr)",
            "ndr.",
            // "ARR" as a word; the prefilter ignores case, so not "arr" inside "arrangement".
            "arr ",
            "arr,",
            "arr.",
            "arr)",
            "arr\t",
        ]
    }

    /// Every metric in one sentence.
    pub fn find(&self, sentence: &str) -> Vec<Found> {
        let p = patterns();
        // A worked example states no figure of the company's: "For illustrative purposes only,
        // if a customer consumes 10 billion tokens per day at a price of RMB0.8 per million
        // tokens, ..."; "a hypothetical 10% increase in the average price".
        if p.example.is_match(sentence) {
            let lower = sentence.to_ascii_lowercase();
            if lower.contains(" if ")
                || lower.starts_with("if ")
                || lower.contains("hypothetical")
                || lower.contains("for illustrat")
                || lower.contains("illustrative purposes")
            {
                return Vec::new();
            }
        }
        let crypto = p.crypto.is_match(sentence);
        let table_row = sentence.contains('\t');
        let hedged = p.forward_looking.is_match(sentence);
        // A year is a date, never a metric; leaving years out lets lists run through them
        // ("119,700 in 2023 to around 650,300 in 2024").
        let mut qs: Vec<Quantity> = number::quantities(sentence)
            .into_iter()
            .filter(|q| !q.year_like && !is_day_or_change(sentence, q))
            .collect();
        for q in &mut qs {
            money_in_words(sentence, q);
        }
        let mut found: Vec<Option<Found>> = qs
            .iter()
            .map(|q| {
                let before = &sentence[..q.start];
                if p.denominator_before.is_match(tail(before, 24)) {
                    return None;
                }
                self.classify(sentence, q, before, &sentence[q.end..], crypto, table_row)
                    .filter(|f| {
                        !(of_a_market(before)
                            || f.kind != "customer_concentration" && of_another(before))
                    })
            })
            .collect();

        // Lists ("0.5 billion, 2.1 billion and 4.6 trillion"; "55.4%, 61.5% and 40.0% of our
        // revenue"): a quantity listed with a metric measures the same thing.
        // The gap is read from the end of a found metric's words, so a comparison after its unit
        // links too ("4.3 trillion tokens per day, up from 1.1 trillion").
        let linked: Vec<bool> = (0..qs.len().saturating_sub(1))
            .map(|i| {
                let end = found[i]
                    .as_ref()
                    .map(|f| f.end)
                    .filter(|&e| e > qs[i].end && e <= qs[i + 1].start)
                    .unwrap_or(qs[i].end);
                is_list_link(sentence, &qs[i], end, &qs[i + 1])
            })
            .collect();
        // A listed quantity that names its own thing ("from more than 200 countries") measures
        // that, not the metric before it.
        let own_noun: Vec<bool> = qs
            .iter()
            .map(|q| names_other_thing(&sentence[q.end..]) || for_another(&sentence[q.end..]))
            .collect();
        // "compared with 32K tokens for Llama 2", "compared with 671 billion for DeepSeek-V3": a
        // figure of another's model, named after it.
        for (q, f) in qs.iter().zip(found.iter_mut()) {
            let end = f.as_ref().map_or(q.end, |f| f.end.max(q.end));
            let compared = tail(&sentence[..q.start], 40)
                .to_ascii_lowercase()
                .contains("compared");
            if compared && for_another(&sentence[end..]) {
                *f = None;
            }
        }
        for i in 1..qs.len() {
            if found[i].is_none() && linked[i - 1] && !own_noun[i] {
                found[i] = found[i - 1]
                    .as_ref()
                    .map(|f| inherit(f, &qs[i - 1], &qs[i]));
            }
        }
        for i in (0..qs.len().saturating_sub(1)).rev() {
            if found[i].is_none() && linked[i] && !own_noun[i] {
                found[i] = found[i + 1]
                    .as_ref()
                    .map(|f| inherit(f, &qs[i + 1], &qs[i]));
            }
        }
        // "a context length of up to 1 million input tokens and 80,000 output tokens": a count
        // of tokens listed after a context window or training tokens is one too.
        for i in 1..qs.len() {
            let specific = found[i - 1]
                .as_ref()
                .filter(|f| {
                    matches!(
                        f.kind,
                        "context_window" | "training_tokens" | "token_cost" | "token_revenue"
                    )
                })
                .map(|f| (f.kind, f.unit.clone()));
            if let (Some((kind, unit)), Some(f)) = (specific, found[i].as_mut()) {
                // "our cost to serve fell to $0.10 per million tokens ..., compared with $0.42
                // per million tokens": the cost again, not a price.
                let counted = matches!(kind, "context_window" | "training_tokens")
                    && f.kind == "token_volume"
                    && f.per.is_none();
                let cost = kind == "token_cost" && f.kind == "token_price";
                // "token revenue of RMB612 million in 2024, up from RMB188 million": the same
                // line's revenue, when it is money in the same currency.
                let line = kind == "token_revenue" && f.kind == "revenue" && unit == f.unit;
                if linked[i - 1] && (counted || cost || line) {
                    f.kind = kind;
                }
            }
        }

        for (q, f) in qs.iter().zip(found.iter_mut()) {
            let Some(f) = f else { continue };
            // The hedge before the figure, for a listed one too ("up from approximately $1
            // billion").
            let near = tail(&sentence[..q.start], 40);
            if let Some(c) = p.qualifier.captures(near) {
                let m = c.name("q").expect("group");
                f.qualifier = Some(qualifier_of(m.as_str()));
                f.start = f.start.min(q.start - near.len() + m.start());
            }
            // "from negative 12%": a margin below zero.
            if f.unit == "%" && f.kind == "gross_margin" {
                let lead = sentence[..q.start].trim_end();
                let word = lead.rsplit(' ').next().unwrap_or("");
                if word.eq_ignore_ascii_case("negative") || word.eq_ignore_ascii_case("minus") {
                    f.value = -f.value;
                    f.start = f.start.min(lead.len() - word.len());
                }
            }
            if let Some((lo, hi)) = q.range {
                let scale = if q.value != 0.0 {
                    f.value / q.value
                } else {
                    1.0
                };
                f.low = Some(lo * scale);
                f.high = Some(hi * scale);
            }
            if hedged {
                f.confidence -= 0.1;
            }
            f.period = period_near(sentence, f.start, f.end);
            if f.subject.is_none() {
                f.subject = subject_near(sentence, f.start, f.end);
            }
            f.confidence = (f.confidence * 100.0).round() / 100.0;
        }
        for f in found.iter_mut().flatten() {
            f.value = tidy(f.value);
            f.low = f.low.map(tidy);
            f.high = f.high.map(tidy);
        }
        assign_respective_periods(sentence, &qs, &linked, &mut found);
        found.into_iter().flatten().collect()
    }

    fn classify(
        &self,
        sentence: &str,
        q: &Quantity,
        before: &str,
        after: &str,
        crypto: bool,
        table_row: bool,
    ) -> Option<Found> {
        let p = patterns();
        let base =
            |kind: &'static str, value: f64, unit: String, end: usize, confidence: f64| Found {
                kind,
                value,
                unit,
                currency: q.currency,
                per: None,
                low: None,
                high: None,
                qualifier: None,
                direction: None,
                subject: None,
                period: None,
                start: q.start,
                end,
                value_start: q.start,
                confidence,
            };
        let token_ok = !crypto;

        // Money per token: "$0.60 per million input tokens", "US$0.002 per 1,000 tokens".
        if let Some(cur) = q.currency {
            if q.kind == NumberKind::Plain && token_ok {
                // A price per so many tokens: a cost when the words before say so.
                let window = tail(before, 80);
                let per_tokens =
                    |denom: Option<regex::Match>, io: Option<regex::Match>, end, confidence| {
                        let kind = if p.cost_words.is_match(window)
                            && !window.to_lowercase().contains("pric")
                        {
                            "token_cost"
                        } else {
                            "token_price"
                        };
                        let denom = denominator(denom.map(|d| d.as_str()));
                        let mut f = base(
                            kind,
                            q.value * 1e6 / denom,
                            format!("{cur}/1M tokens"),
                            end,
                            confidence,
                        );
                        f.direction = io.and_then(|m| direction_of(m.as_str()));
                        f
                    };
                // A price in a worked example ("For illustrative purposes only, if a customer
                // submits ... at a price of $2.00 per million tokens") is no list price.
                let lower = sentence.to_ascii_lowercase();
                if p.example.is_match(sentence)
                    && (lower.contains(" if ") || lower.starts_with("if "))
                {
                    return None;
                }
                // "$3/MTok for input".
                if let Some(c) = p.price_after.captures(after) {
                    let end = q.end + c.get(0)?.end();
                    let denom = c.name("denom").or_else(|| c.name("mtok"));
                    let io = c.name("io").or_else(|| c.name("io2"));
                    return Some(per_tokens(denom, io, end, 0.95));
                }
                // "Input tokens are billed at $1.25 per million": the tokens named before.
                if let Some(c) = p.per_unit_after.captures(after) {
                    if let Some(t) = p.tokens_named.captures_iter(window).last() {
                        let end = q.end + c.name("unit")?.end();
                        return Some(per_tokens(c.name("denom"), t.name("io"), end, 0.85));
                    }
                }
                // "the price per million output tokens was $2.40"
                let window = tail(before, 160);
                if let Some(c) = p.price_before.captures(window) {
                    let denom = denominator(c.name("denom").map(|d| d.as_str()));
                    let kind = if c.get(0)?.as_str().to_lowercase().starts_with("cost") {
                        "token_cost"
                    } else {
                        "token_price"
                    };
                    let mut f = base(
                        kind,
                        q.value * 1e6 / denom,
                        format!("{cur}/1M tokens"),
                        q.end,
                        0.85,
                    );
                    f.direction = c.name("io").and_then(|m| direction_of(m.as_str()));
                    return Some(f);
                }
            }
        }

        // Counts of tokens: throughput, context window, volume.
        if q.currency.is_none() && q.kind == NumberKind::Plain && token_ok && !q.year_like {
            if let Some(c) = p.tok_s.captures(after) {
                let mut f = base(
                    "token_throughput",
                    q.value,
                    "tokens/s".into(),
                    q.end + c.get(0)?.end(),
                    0.95,
                );
                f.per = Some("second");
                return Some(f);
            }
            // "pre-trained on 14.8 trillion diverse and high-quality tokens": training data
            // described on its way to the word.
            if q.scaled && p.training_before.is_match(tail(before, 120)) {
                if let Some(c) = p.described_tokens.find(after) {
                    return Some(base(
                        "training_tokens",
                        q.value,
                        "tokens".into(),
                        q.end + c.end(),
                        0.8,
                    ));
                }
            }
            if let Some(c) = p.tokens_after.captures(after) {
                let adj = c.name("adj").map_or("", |m| m.as_str());
                let tok_end = q.end + c.get(0)?.end();
                let rest = &sentence[tok_end..];
                let credential = p.credential_before.is_match(adj.trim_end())
                    || p.credential_before.is_match(tail(before, 40).trim_end());
                if credential {
                    return None;
                }
                if let Some(s) = p.per_second.captures(rest) {
                    let mut f = base(
                        "token_throughput",
                        q.value,
                        "tokens/s".into(),
                        tok_end + s.get(0)?.end(),
                        0.95,
                    );
                    f.per = Some("second");
                    f.direction = direction_of(adj);
                    return Some(f);
                }
                if let Some(s) = p.context_after.captures(rest) {
                    return Some(base(
                        "context_window",
                        q.value,
                        "tokens".into(),
                        tok_end + s.get(0)?.end(),
                        0.95,
                    ));
                }
                // "a maximum output of 32,768 tokens": the output side of the window.
                if p.max_output_before.is_match(tail(before, 60)) {
                    let mut f = base("context_window", q.value, "tokens".into(), tok_end, 0.85);
                    f.direction = Some("output");
                    return Some(f);
                }
                // "up to 128,000 tokens in a single prompt": the window, not a volume.
                if p.per_request_after.is_match(rest) {
                    return Some(base(
                        "context_window",
                        q.value,
                        "tokens".into(),
                        tok_end,
                        0.85,
                    ));
                }
                // "limited to 10,000 requests per minute and 2 million tokens per minute": a
                // rate limit, not a volume.
                if p.rate_limit_before.is_match(tail(before, 100)) {
                    return None;
                }
                if p.context_before.is_match(tail(before, 120)) {
                    return Some(base(
                        "context_window",
                        q.value,
                        "tokens".into(),
                        tok_end,
                        0.9,
                    ));
                }
                // "We trained our flagship model, which has 480 billion parameters, on more
                // than 22 trillion tokens": across the aside.
                if p.training_before.is_match(tail(before, 120))
                    || p.training_before
                        .is_match(&without_aside(tail(before, 240)))
                {
                    return Some(base(
                        "training_tokens",
                        q.value,
                        "tokens".into(),
                        tok_end,
                        0.85,
                    ));
                }
                // "the cost to serve one thousand tokens": a unit of a price, not a volume; nor is
                // a tokenizer's vocabulary ("expanded from 32,000 to 128,000 tokens").
                if p.unit_of_price.is_match(tail(before, 60))
                    || tail(before, 120)
                        .to_ascii_lowercase()
                        .contains("vocabulary")
                {
                    return None;
                }
                let mut f = base("token_volume", q.value, "tokens".into(), tok_end, 0.9);
                f.direction = direction_of(adj);
                f.per = per_of_words(adj);
                // "in the quarter ended September 30" is a period, not a rate.
                let rate = p.rate_after.captures(rest).filter(|r| {
                    !starts_with_word(&rest[r.get(0).map_or(0, |m| m.end())..], "ended")
                });
                if let Some(r) = rate {
                    let word = r
                        .name("p")
                        .or_else(|| r.name("adv"))
                        .map_or("", |m| m.as_str());
                    if let Some(per) = per_of(word) {
                        f.per = Some(per);
                        f.end = tok_end + r.get(0)?.end();
                    }
                }
                if f.per.is_none() {
                    f.per = per_in_clause(tail(before, 200));
                }
                // A small bare count ("split into 3 tokens") is an example, not a volume; so is
                // a larger one in an example ("For example, a typical conversation of 20 turns
                // may consume 15,000 tokens").
                if !q.scaled
                    && (q.value < 10_000.0
                        || q.value < 1e6 && f.per.is_none() && p.example.is_match(sentence))
                {
                    return None;
                }
                return Some(f);
            }
            // "average daily token consumption volume was 4.2 trillion"
            let window = tail(before, 160);
            if let Some(c) = p.volume_before.captures(window) {
                if q.scaled || q.value >= 1e6 {
                    let adj = c
                        .name("adj")
                        .or_else(|| c.name("adj2"))
                        .map_or("", |m| m.as_str());
                    let mut f = base("token_volume", q.value, "tokens".into(), q.end, 0.85);
                    f.per = per_of_words(adj).or_else(|| per_in_clause(window));
                    if let Some(r) = p.rate_after.captures(after) {
                        let word = r
                            .name("p")
                            .or_else(|| r.name("adv"))
                            .map_or("", |m| m.as_str());
                        if let Some(per) = per_of(word) {
                            f.per = Some(per);
                            f.end = q.end + r.get(0)?.end();
                        }
                    }
                    return Some(f);
                }
            }
        }

        // "a 128K context window": a count of tokens without the word.
        if q.currency.is_none()
            && q.kind == NumberKind::Plain
            && token_ok
            && (q.scaled || q.value >= 1000.0)
        {
            if let Some(c) = p.window_after.captures(after) {
                return Some(base(
                    "context_window",
                    q.value,
                    "tokens".into(),
                    q.end + c.get(0)?.end(),
                    0.85,
                ));
            }
        }

        // Relative speed: "a 2.5x increase in token throughput", "10 times faster".
        if q.kind == NumberKind::Multiple && token_ok && p.model_context.is_match(sentence) {
            let ahead = head(after, 48);
            let behind = tail(before, 80);
            if p.speed_words.is_match(ahead)
                || (p.speed_words.is_match(behind) && behind.to_lowercase().contains("token"))
            {
                let m = p.speed_words.find(ahead);
                let end = m.map_or(q.end, |m| q.end + m.end());
                return Some(base("token_throughput", q.value, "x".into(), end, 0.75));
            }
        }

        // Latency: "time to first token of 240 milliseconds".
        if q.currency.is_none() && q.kind == NumberKind::Plain {
            if let Some(c) = p.latency_unit.captures(after) {
                let window = tail(before, 100);
                if p.latency_before.is_match(window) {
                    let u = c.name("u")?.as_str().to_ascii_lowercase();
                    let ms = if u.starts_with("ms") || u.starts_with("milli") {
                        q.value
                    } else {
                        q.value * 1000.0
                    };
                    let mut f = base(
                        "token_latency",
                        ms,
                        "ms".into(),
                        q.end + c.get(0)?.end(),
                        0.9,
                    );
                    f.currency = None;
                    return Some(f);
                }
            }
        }

        if q.currency.is_none() && q.kind == NumberKind::Plain && !q.year_like {
            if let Some(c) = p.params_after.captures(after) {
                return Some(base(
                    "model_parameters",
                    q.value,
                    "parameters".into(),
                    q.end + c.get(0)?.end(),
                    0.95,
                ));
            }
            if let Some(c) = p
                .power_after
                .captures(after)
                .filter(|_| !p.energy_procurement.is_match(sentence))
            {
                let u = c.name("u")?.as_str().to_ascii_lowercase();
                let mw = if u.starts_with('g') {
                    q.value * 1000.0
                } else if u.starts_with('k') {
                    q.value / 1000.0
                } else {
                    q.value
                };
                return Some(base(
                    "compute_power",
                    mw,
                    "MW".into(),
                    q.end + c.get(0)?.end(),
                    0.9,
                ));
            }
            if let Some(c) = p.units_after.captures(after) {
                let noun = c.name("noun")?.as_str();
                // One model names the unit; a list of them ("H100 and H200 GPUs") does not.
                let model = c
                    .name("model")
                    .filter(|_| c.name("more").is_none())
                    .map(|m| m.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|m| !m.is_empty());
                let unit = match model {
                    Some(m) => m
                        .trim_start_matches("NVIDIA ")
                        .trim_start_matches("AMD ")
                        .trim_start_matches("Google ")
                        .trim_start_matches("Huawei ")
                        .to_string(),
                    None => match noun.to_ascii_lowercase().as_str() {
                        n if n.starts_with("gpu") || n.starts_with("graphics") => {
                            "GPUs".to_string()
                        }
                        n if n.starts_with("tpu") => "TPUs".to_string(),
                        "accelerators" => "accelerators".to_string(),
                        "chips" => "chips".to_string(),
                        n => n.trim_end_matches('s').to_ascii_uppercase(),
                    },
                };
                return Some(base(
                    "compute_units",
                    q.value,
                    unit,
                    q.end + c.get(0)?.end(),
                    0.85,
                ));
            }
            let counts_users =
                !table_row && !p.not_our_users.is_match(sentence) && (q.scaled || q.value >= 100.0);
            if counts_users {
                if let Some(c) = p.users_after.captures(after) {
                    let end = q.end + c.get(0)?.end();
                    return Some(base("users", q.value, "users".into(), end, 0.8));
                }
                // "paying users ... expanded from around 119,700"
                if p.users_before.is_match(tail(before, 100)) && !p.other_count.is_match(after) {
                    return Some(base("users", q.value, "users".into(), q.end, 0.75));
                }
            }
        }

        // The economics around the tokens, in prose.
        if table_row {
            return None;
        }
        let window = tail(before, 120);
        let keyword = p
            .money_keyword
            .captures_iter(window)
            .last()
            .and_then(|c| c.name("k").map(|m| m.as_str().to_ascii_lowercase()));
        let keyword = keyword.as_deref().unwrap_or("");
        if q.kind == NumberKind::Percent {
            // "Our net revenue retention rate as of December 31, 2025 was 135%".
            if p.net_retention_before.is_match(tail(before, 100)) {
                return Some(base(
                    "net_revenue_retention",
                    q.value,
                    "%".into(),
                    q.end,
                    0.8,
                ));
            }
            if (keyword.starts_with("gross margin") || keyword.starts_with("gross profit margin"))
                && p.margin_link.is_match(tail(before, 60))
                && !p.margin_change.is_match(tail(before, 60))
            {
                return Some(base("gross_margin", q.value, "%".into(), q.end, 0.8));
            }
            // "..., and our largest customer accounted for 18.1%": the revenue named earlier in
            // the sentence.
            if p.of_revenue_after.find(after).is_none()
                && p.share_verb_before.is_match(tail(before, 40))
                && p.named_customers.is_match(tail(before, 80))
                && p.revenue_word.is_match(before)
            {
                return Some(base(
                    "customer_concentration",
                    q.value,
                    "%".into(),
                    q.end,
                    0.7,
                ));
            }
            let c = p.of_revenue_after.find(after)?;
            if p.named_customers.is_match(sentence) || names_a_company_share(sentence) {
                return Some(base(
                    "customer_concentration",
                    q.value,
                    "%".into(),
                    q.end + c.end(),
                    0.8,
                ));
            }
            // "revenue from our open platform and API services accounted for 27.5% of total
            // revenue": the share of revenue that tokens bring.
            // "Nearly 40% of our revenue ... was generated from usage-based API fees".
            let source_after = p
                .revenue_source_after
                .is_match(head(&after[c.end()..], 100));
            // The revenue named a list and an aside away ("revenue generated from our model API
            // services, which we charge based on token consumption, accounted for 18.4%, 27.9%
            // and 41.2% of our total revenue").
            if token_ok
                && (p.token_revenue.is_match(&without_aside(tail(before, 240))) || source_after)
            {
                return Some(base(
                    "token_revenue",
                    q.value,
                    "%".into(),
                    q.end + c.end(),
                    0.8,
                ));
            }
            return None;
        }
        let cur = q.currency?;
        // "if we have annual gross revenues of $1.235 billion or more ... an EGC": a threshold
        // of the securities laws, not the company's figure.
        if p.regulatory_threshold.is_match(sentence) {
            return None;
        }
        // A company's money in prose has a scale word ("$5.8 million"); a bare "$5,804" is a
        // table's figure in thousands, quoted in a footnote ("(1) Including related party
        // revenue of $5,804"), whose scale the sentence does not give.
        if q.kind != NumberKind::Plain || !q.scaled && q.value < 100_000.0 {
            return None;
        }
        // "Customers with annualized revenue run-rate of over $1 million grew to 154": a bar
        // that customers pass, not the company's figure.
        if p.customer_threshold.is_match(tail(before, 100)) {
            return None;
        }
        // What the amount is: the keyword before it, when the words in between only link the
        // two ("revenue for 2024 was", "capital expenditures of approximately"), not when they
        // describe a change ("revenue increased", "down", "by"); else a keyword right after it
        // ("$39.2 billion of capital expenditures").
        // A clause set off by commas says what the amount is, not how it relates: "Revenue
        // generated from MaaS, which is billed based on token consumption, was RMB84.5 million";
        // nor is a keyword inside it the amount's ("Total remaining performance obligation,
        // which represents all future revenue under contract, ... was $63.4 billion").
        let plain_window = without_aside(tail(before, 320));
        let plain_window = tail(&plain_window, 120);
        let before_kw = p
            .money_keyword
            .captures_iter(plain_window)
            .last()
            .and_then(|c| {
                let k = c.name("k")?;
                let between = &plain_window[k.end()..];
                let link = p.econ_link.is_match(between)
                && (!p.change_words.is_match(between) || p.change_to.is_match(between))
                && !p.other_amount.is_match(between)
                // "Net revenues increased by $412.6 million, or 37%, to $1.53 billion"
                || p.change_by_to.is_match(between);
                link.then(|| (k.as_str().to_ascii_lowercase(), between.to_string()))
            });
        // "Revenue attributable to our largest customer, Microsoft, was $1.2 billion": the
        // revenue of one customer, not the company's.
        if before_kw
            .as_ref()
            .is_some_and(|(_, between)| p.named_customers.is_match(between))
        {
            return None;
        }
        // "professional services revenue from Baker Hughes of $16.8 million", "the net interest
        // revenue of the Trust was $4 million": a named customer's or entity's revenue, not the
        // company's.
        let named_source = before_kw.as_ref().is_some_and(|(_, between)| {
            let b = between.trim_start();
            let b = b
                .strip_prefix("from ")
                .or_else(|| b.strip_prefix("of "))
                .unwrap_or("");
            let b = b.strip_prefix("the ").unwrap_or(b);
            b.starts_with(|c: char| c.is_uppercase())
                && !b.starts_with(|c: char| c.is_ascii_digit())
                && !["Company", "Group", "API", "MaaS", "Q", "FY", "Fiscal"]
                    .iter()
                    .any(|w| b.starts_with(w))
        });
        let before_kw = before_kw.map(|(k, _)| k);
        // "Average revenue per enterprise customer was US$1.2 million": a figure per customer
        // or user, not the company's. Nor is the size of a market ("the size of the LLM market
        // in China was RMB5.3 billion"), an amount of another measure named after it ("over $88
        // billion in operating income"), or a change ("an offsetting decrease of $31.1 million
        // of revenue").
        if p.per_unit_after_keyword.is_match(window)
            || p.market_size.is_match(window)
            || p.other_measure_after.is_match(after)
            || p.change_of_before.is_match(tail(before, 40))
        {
            return None;
        }
        let (keyword, kw_end) = match before_kw {
            Some(k) => (k, q.end),
            None => {
                // "..., of which $1.4 billion was attributable to token-based API usage": revenue
                // said of the tokens after the amount, in a sentence about revenue.
                if let Some(c) = p.token_share_after.captures(after) {
                    if token_ok && p.money_keyword.is_match(tail(before, 160)) {
                        let k = p.money_keyword.captures_iter(tail(before, 160)).last();
                        let revenue = k.and_then(|k| k.name("k")).is_some_and(|k| {
                            k.as_str().to_ascii_lowercase().starts_with("revenue")
                        });
                        if revenue {
                            return Some(base(
                                "token_revenue",
                                q.value,
                                cur.to_string(),
                                q.end + c.get(0)?.end(),
                                0.75,
                            ));
                        }
                    }
                }
                // "API and token-based services contributed RMB612 million to revenue": a
                // revenue line's share, token revenue when the line is tokens or an API.
                static CONTRIBUTED: OnceLock<Regex> = OnceLock::new();
                let contributed = CONTRIBUTED.get_or_init(|| {
                    re(r"(?i)^\s*to\s+(?:our\s+)?(?:total\s+)?(?:net\s+)?revenues?(?-u:\b)")
                });
                if let Some(c) = contributed.find(after) {
                    let clause = tail(before, 120);
                    let clause = &clause[clause.rfind([',', ';', '.']).map_or(0, |k| k + 1)..];
                    let lower = clause.to_ascii_lowercase();
                    if lower.contains("contribut") {
                        let token_line =
                            ["api", "token", "maas", "model-as-a-service", "inference"]
                                .iter()
                                .any(|w| lower.contains(w));
                        let kind = if token_line {
                            "token_revenue"
                        } else {
                            "revenue"
                        };
                        if token_line || lower.trim_start().starts_with("our ") {
                            return Some(base(
                                kind,
                                q.value,
                                cur.to_string(),
                                q.end + c.end(),
                                0.75,
                            ));
                        }
                    }
                }
                let c = p.econ_after.captures(after)?;
                // "$49.4 million in revenue from the top twenty customers": theirs.
                if p.named_customers
                    .is_match(head(&after[c.get(0)?.end()..], 50))
                {
                    return None;
                }
                (
                    c.name("k")
                        .or_else(|| c.name("arr"))?
                        .as_str()
                        .to_ascii_lowercase(),
                    q.end + c.get(0)?.end(),
                )
            }
        };
        let kind = if keyword.starts_with("capital")
            || keyword == "capex"
            || keyword.starts_with("purchases of property")
        {
            ("capex", 0.85)
        } else if keyword.starts_with("annual")
            || keyword.contains("run-rate")
            || keyword.contains("run rate")
            || keyword == "arr"
        {
            ("annual_recurring_revenue", 0.8)
        } else if keyword.starts_with("remaining performance") || keyword == "rpo" {
            ("remaining_performance_obligations", 0.85)
        } else if keyword.starts_with("revenue")
            && ["commitment", "share", "growth", "backlog"]
                .iter()
                .any(|w| keyword.contains(w))
        {
            return None;
        } else if keyword.starts_with("revenue") || keyword == "net sales" {
            // The words right after the amount, up to the next clause ("£86.3m, of which token
            // revenue was ..." is not itself token revenue); and "of our total revenue of
            // RMB6.53 billion" is the total.
            let ahead = head(after, 60);
            let ahead = &ahead[..ahead.find([',', ';']).unwrap_or(ahead.len())];
            let context = format!("{window}{ahead}");
            let total = tail(before, 40)
                .to_ascii_lowercase()
                .contains("total revenue");
            if p.token_revenue.is_match(&context) && !total {
                ("token_revenue", 0.85)
            } else {
                if named_source {
                    return None;
                }
                ("revenue", 0.75)
            }
        } else {
            return None;
        };
        Some(base(kind.0, q.value, cur.to_string(), kw_end, kind.1))
    }
}

/// Money that the number alone does not say: "7.5 cents" is US$0.075; "¥150" in a sentence about
/// Japan is yen, not renminbi.
fn money_in_words(sentence: &str, q: &mut Quantity) {
    if q.currency.is_none() && q.kind == NumberKind::Plain && !q.scaled {
        let after = &sentence[q.end..];
        let word = after.trim_start();
        let unit = ["cents", "cent", "¢"]
            .into_iter()
            .find(|u| word.starts_with(u) && !word[u.len()..].starts_with(char::is_alphanumeric));
        if let Some(u) = unit {
            q.currency = Some("USD");
            q.value /= 100.0;
            q.range = q.range.map(|(lo, hi)| (lo / 100.0, hi / 100.0));
            q.end += after.len() - word.len() + u.len();
        }
    }
    if q.currency == Some("CNY") && sentence[q.start..].starts_with(['¥', '￥']) {
        let lower = sentence.to_ascii_lowercase();
        // A fiscal year that ends on March 31 is Japan's too, unless the sentence is about
        // China.
        let chinese = ["china", "prc", "rmb", "renminbi", "yuan"]
            .iter()
            .any(|w| lower.contains(w));
        let japanese_year = lower.contains("ended march 31") && !chinese;
        if japanese_year || ["japan", "yen", "tokyo"].iter().any(|w| lower.contains(w)) {
            q.currency = Some("JPY");
        }
    }
}

/// Whether `s` starts with the word `word`, after spaces.
fn starts_with_word(s: &str, word: &str) -> bool {
    let s = s.trim_start();
    s.get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word))
        && !s[word.len()..].starts_with(|c: char| c.is_alphanumeric())
}

/// Whether the figure after `before` is another company's: a competitor's ("competing
/// GPU-based clouds serve Llama 3.1 70B at"), one another company reported ("OpenAI ... has
/// publicly reported that ChatGPT serves"), or a model compared with ("Compared with GPT-3,
/// which has"). Not when the company comes after ("..., we processed").
fn of_another(before: &str) -> bool {
    static OTHER: OnceLock<Regex> = OnceLock::new();
    let other = OTHER.get_or_init(|| {
        re(r"(?i)(?-u:\b)(?:competing|competitors?|rivals?|(?:publicly\s+)?(?:reported|announced|disclosed|stated)\s+that|compared\s+(?:with|to)\s+[A-Z][A-Za-z0-9.-]*,\s*which)(?-u:\b)")
    });
    if cue_without_company(before, other) {
        return true;
    }
    // "NVIDIA reported data center revenue of $115.2 billion": a company named as the one
    // reporting (not "We reported", "The Company recorded").
    static NAMED: OnceLock<Regex> = OnceLock::new();
    let named = NAMED.get_or_init(|| {
        re(r"(?-i:(?P<who>[A-Z][A-Za-z0-9&.-]+))\s+(?:reported|announced|disclosed|posted)(?-u:\b)")
    });
    said_by_another(before, named)
}

/// Whether the last match of `cue` in the 200 bytes before a figure has a subject (its `who`
/// group) other than the company ("NVIDIA reported", "Frost & Sullivan estimates that"; not
/// "We reported", "The Company estimates that"), with no word for the company after it.
fn said_by_another(before: &str, cue: &Regex) -> bool {
    let window = tail(before, 200);
    cue.captures_iter(window).last().is_some_and(|c| {
        let who = c["who"].to_ascii_lowercase();
        !matches!(
            who.as_str(),
            "we" | "company" | "the" | "our" | "it" | "group" | "management" | "i" | "and"
        ) && cue_without_company(&window[c.get(0).map_or(0, |m| m.start())..], cue)
    })
}

/// Whether the last `cue` in the 200 bytes before a figure has no word for the company after it
/// ("our", "we", "us", "the Company"): the figure is then the cue's subject's.
fn cue_without_company(before: &str, cue: &Regex) -> bool {
    static OURS: OnceLock<Regex> = OnceLock::new();
    let ours = OURS.get_or_init(|| re(r"(?i)(?-u:\b)(?:our|we|us|the\s+company)(?-u:\b)"));
    let window = tail(before, 200);
    cue.find_iter(window)
        .last()
        .is_some_and(|m| !ours.is_match(&window[m.end()..]))
}

/// Whether the figure after `before` is a market's or an industry's, not the company's: "the
/// daily average token consumption of the China large model market reached", "Industry analysts
/// estimate that power demand from AI data centers could reach". Not when the company comes
/// between ("in the China MaaS market, our platform processed").
fn of_a_market(before: &str) -> bool {
    static MARKET: OnceLock<Regex> = OnceLock::new();
    let market = MARKET.get_or_init(|| {
        re(r"(?i)(?-u:\b)(?:according\s+to|industry\s+(?:analysts?|estimates?|sources?|data|research|reports?)|Frost\s*&\s*Sullivan|Gartner|IDC|Omdia|McKinsey|China\s+Insights\s+Consultancy|third-party\s+(?:research|reports?|estimates?)|(?:of|in|across|for|by)\s+the\s+(?:[A-Za-z-]+\s+){0,5}?(?:market|industry|sector)|market\s+(?:size|demand)|(?:power|electricity|energy|global|aggregate)\s+demand)(?-u:\b)")
    });
    if cue_without_company(before, market) {
        return true;
    }
    // "Frost & Sullivan estimates that daily token consumption in China reached": another's
    // estimate (not "We estimate that our ...", nor "The Company expects that").
    static ESTIMATE: OnceLock<Regex> = OnceLock::new();
    let estimate = ESTIMATE.get_or_init(|| {
        re(r"(?i)(?P<who>[A-Za-z&]+)\s+(?:estimates?|estimated|projects?|projected|forecasts?|forecasted|predicts?|predicted|indicates?|indicated|shows?|showed)\s+that(?-u:\b)")
    });
    said_by_another(before, estimate)
}

/// A value rounded to 15 significant digits, so scaling leaves no binary residue: 4.1 trillion
/// is 4100000000000, not 4099999999999.9995.
fn tidy(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// Whether the words after a figure name another's model: "for Llama 2", "for DeepSeek-V3".
fn for_another(after: &str) -> bool {
    // After the figure's unit too: "32K tokens for Llama 2".
    let after = after.trim_start();
    let unit_skipped = after
        .split_once(' ')
        .filter(|(w, _)| {
            matches!(
                *w,
                "tokens" | "parameters" | "GPUs" | "accelerators" | "users" | "MW" | "GW"
            )
        })
        .map_or(after, |(_, r)| r);
    let Some(rest) = unit_skipped.strip_prefix("for ") else {
        return false;
    };
    let word = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("");
    // Not a period ("for Fiscal 2025", "for Q3", "for FY2024", "for March 2025").
    let period = word.starts_with(['Q', 'H']) && word.len() <= 3
        || word.starts_with("FY")
        || is_month(word)
        || matches!(
            word,
            "Fiscal"
                | "The"
                | "Each"
                | "All"
                | "Our"
                | "Its"
                | "Year"
                | "Six"
                | "Three"
                | "Nine"
                | "Twelve"
        );
    word.starts_with(|c: char| c.is_uppercase()) && !period
}

/// Whether the words right after a quantity name a thing of their own ("200 countries and
/// regions", "8,500 customers"), which a quantity listed with a metric then measures instead.
fn names_other_thing(after: &str) -> bool {
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    let word = word.to_lowercase();
    word.len() >= 4
        && !after.trim_start().starts_with(char::is_uppercase)
        && !matches!(
            word.as_str(),
            "from"
                | "with"
                | "during"
                | "respectively"
                | "compared"
                | "versus"
                | "over"
                | "each"
                | "year"
                | "years"
                | "month"
                | "months"
                | "quarter"
                | "quarters"
                | "week"
                | "weeks"
                | "days"
                | "ended"
                | "through"
                | "until"
                | "since"
                | "including"
                | "excluding"
                | "before"
                | "after"
                | "when"
                | "while"
                | "which"
                | "that"
                | "then"
                | "thereafter"
                | "approximately"
                | "about"
                | "around"
                | "more"
                | "less"
                | "higher"
                | "lower"
                | "earlier"
                | "later"
                | "prior"
                | "last"
                | "this"
                | "their"
                | "these"
                | "those"
                | "such"
                | "same"
                | "total"
                | "further"
                | "also"
                | "both"
                | "only"
                | "into"
                | "onto"
                | "upon"
                | "reported"
                | "recorded"
                | "achieved"
                | "posted"
                | "within"
                | "among"
                | "between"
                | "across"
                | "against"
                | "tokens"
                | "token"
                | "users"
                | "developers"
                | "parameters"
                | "gpus"
                | "accelerators"
                | "chips"
                | "megawatts"
                | "gigawatts"
                | "milliseconds"
                | "seconds"
        )
}

/// The words between a keyword and its amount without asides: a parenthesis, or a clause set
/// off by commas that starts with "which", "including", "primarily" and the like.
fn without_aside(between: &str) -> std::borrow::Cow<'_, str> {
    static ASIDE: OnceLock<Regex> = OnceLock::new();
    let aside = ASIDE.get_or_init(|| {
        re(r"(?i)\([^()]*\)|,\s*(?:which|that|including|excluding|primarily|mainly|principally|largely|consisting|comprising|net\s+of)(?-u:\b)[^,;]*,")
    });
    aside.replace_all(between, "")
}

/// Whether a company is named as the one that brings a share of revenue: "Microsoft accounted
/// for 62% ...", "..., and Meta represented 15% ...". Not a place, a segment or the filer itself
/// ("North America accounted for", "Our Cloud Services represented").
fn names_a_company_share(sentence: &str) -> bool {
    static SHARE: OnceLock<Regex> = OnceLock::new();
    let share = SHARE.get_or_init(|| {
        re(r"(?:^|[,;:(]\s*|(?-u:\b)(?:and|while|whereas|that)\s+)(?P<name>[A-Z][A-Za-z0-9&.\-]*(?:\s+(?:[A-Z][A-Za-z0-9&.\-]*|of|&)){0,4})\s+(?:alone\s+)?(?:accounted\s+for|represented|contributed)\s")
    });
    const NOT_COMPANIES: &[&str] = &[
        "Our",
        "We",
        "The",
        "This",
        "These",
        "That",
        "Such",
        "Each",
        "It",
        "Its",
        "Their",
        "No",
        "One",
        "Two",
        "Three",
        "Revenue",
        "Revenues",
        "Sales",
        "Customers",
        "Customer",
        "America",
        "Americas",
        "States",
        "China",
        "PRC",
        "Europe",
        "EMEA",
        "APAC",
        "Asia",
        "Pacific",
        "Japan",
        "Kingdom",
        "International",
        "Domestic",
        "Segment",
        "Services",
        "Products",
        "Cloud",
        "Platform",
        "Subscription",
        "Subscriptions",
        "Advertising",
        "Hardware",
        "Software",
        "Enterprise",
        "Consumer",
        "Government",
        "Overseas",
        "Mainland",
        "Hong",
        "Kong",
        "Taiwan",
        "Korea",
        "India",
        "Canada",
        "Germany",
        "France",
        "U.S.",
        "US",
        "Other",
        "API",
        "MaaS",
        "Token",
        "Tokens",
        "Inference",
        "AI",
    ];
    share.captures_iter(sentence).any(|c| {
        c.name("name").is_some_and(|n| {
            n.as_str()
                .split_whitespace()
                .all(|w| !NOT_COMPANIES.contains(&w.trim_end_matches(['.', ','])))
        })
    })
}

/// Two quantities side by side in a list or a comparison: only a comma, "and", "or", "to",
/// "up from" or "compared to" between the first one's words (ending at `a_end`) and the second,
/// of the same sort (both percentages, both in the same currency...).
fn is_list_link(sentence: &str, a: &Quantity, a_end: usize, b: &Quantity) -> bool {
    static GAP: OnceLock<Regex> = OnceLock::new();
    let gap = GAP.get_or_init(|| {
        re(r"(?i)^\s*(?:,|;)?\s*(?:and|or)?\s*$|^\s*\(\s*(?:FY\s*)?(?:19|20)[0-9]{2}\s*:\s*$|^\s*,\s*(?:of\s+which|including)\s+(?:approximately\s+|about\s+|over\s+|nearly\s+|roughly\s+|only\s+)?$|^\s*(?:in|for|during|as\s+of)\s+(?:the\s+)?(?:[A-Za-z0-9,]+\s+){0,5}?(?:19|20)[0-9]{2},?\s+(?:and|or)\s*$|^\s*(?:in|for|during|as\s+of|at|by)\s+[^;$%]{0,60}?,\s*(?:and|or)\s*$|^\s*(?:(?:in|for|during|as\s+of|at|by|across|on|with)\s+(?:[^,;$%]|,\s*(?:19|20)[0-9]{2}){0,50}?)?,?\s*(?:and\s+)?(?:further\s+)?(?:(?:representing|reflecting|which\s+(?:represents|represented|was|is))\s+)?(?:(?:increased|decreased|grew|rose|fell|declined|reduced)\s+(?:by\s+(?:approximately\s+)?[0-9][0-9.,]*\s*(?:%|percent)\s+)?)?(?:an?\s+(?:increase|decrease|growth|decline)\s+of\s+(?:approximately\s+)?[0-9][0-9.,]*\s*(?:%|percent)\s+)?(?:(?:up|down|increasing|decreasing|rising|falling)\s+(?:(?:approximately\s+)?[0-9][0-9.,]*\s*(?:%|percent|x)\s+)?)?(?:to|from|compared\s+(?:to|with)|versus|vs\.?|(?:more\s+than\s+|nearly\s+|almost\s+)?(?:double|triple|twice|three\s+times)\s+the|(?:below|above)\s+the|(?:lower|higher)\s+than(?:\s+the)?)\s+(?:around|approximately|about|over|more\s+than|nearly|roughly)?\s*(?:negative\s+|minus\s+)?$")
    });
    // "increased $45.6 billion compared to $307.2 billion": a change is no item of the list.
    static CHANGE: OnceLock<Regex> = OnceLock::new();
    let change = CHANGE.get_or_init(|| {
        re(r"(?i)(?-u:\b)(?:increased|decreased|increase|decrease|increases|decreases|grew|rose|fell|declined|up|down|by|change\s+of)\s*(?:approximately|about|nearly|over)?\s*$")
    });
    if [a, b]
        .iter()
        .any(|q| change.is_match(tail(&sentence[..q.start], 40)))
    {
        return false;
    }
    let between = &sentence[a_end..b.start];
    // "671 billion total parameters, of which 37 billion are activated": a part counted the
    // same way; but money "of which" is a part of another kind (a region's, a product's).
    if a.currency.is_some() && between.contains("which") {
        return false;
    }
    !between.is_empty()
        && gap.is_match(between)
        && a.kind == b.kind
        && a.currency == b.currency
        && !a.year_like
        && !b.year_like
}

/// A metric like `f` (found for quantity `from`) for the quantity `q` listed with it, as sure
/// as `f`: a list states all its items alike.
fn inherit(f: &Found, from: &Quantity, q: &Quantity) -> Found {
    let factor = if from.value != 0.0 {
        f.value / from.value
    } else {
        1.0
    };
    Found {
        value: q.value * factor,
        low: None,
        high: None,
        qualifier: None,
        start: q.start,
        end: q.end,
        value_start: q.start,
        confidence: f.confidence,
        ..f.clone()
    }
}

/// "RMB31.7 million, RMB508.6 million and RMB132.8 million in 2022, 2023 and 2024": when a list
/// of metrics of one kind meets as many period phrases in its sentence, pair them in order.
fn assign_respective_periods(
    sentence: &str,
    qs: &[Quantity],
    linked: &[bool],
    found: &mut [Option<Found>],
) {
    let p = patterns();
    let mut i = 0;
    while i < found.len() {
        let mut j = i;
        while j + 1 < found.len()
            && linked[j]
            && found[j].is_some()
            && found[j + 1].is_some()
            && found[j].as_ref().map(|f| f.kind) == found[j + 1].as_ref().map(|f| f.kind)
        {
            j += 1;
        }
        if j > i && found[i].is_some() {
            let matches: Vec<regex::Match> = p
                .period
                .captures_iter(sentence)
                .filter_map(|c| c.name("p").or_else(|| c.name("month")))
                // Not a phrase that holds one of the figures; a year or a day in it is fine.
                .filter(|m| {
                    !qs.iter()
                        .zip(found.iter())
                        .any(|(q, f)| f.is_some() && q.start < m.end() && m.start() < q.end)
                })
                .collect();
            // Each phrase, or each year it lists: "during Q3 2022 and Q3 2023, and ... for the
            // nine months ended September 30, 2022 and 2023" gives four periods, and "for the
            // fiscal years ended April 30, 2024, 2023 and 2022, respectively" gives three.
            let expand = |matches: &[&regex::Match]| {
                let mut periods: Vec<String> = Vec::new();
                let mut listed_to = 0; // the end of the years the last phrase listed
                for m in matches {
                    if m.start() < listed_to {
                        continue; // a year already listed
                    }
                    let (years, used) = listed_years(m.as_str(), &sentence[m.end()..]);
                    if years.is_empty() {
                        periods.push(m.as_str().split_whitespace().collect::<Vec<_>>().join(" "));
                    } else {
                        periods.extend(years);
                        listed_to = m.end() + used;
                    }
                }
                periods
            };
            // The periods right after this list of figures, before the next figure ("$15.0
            // billion and $11.3 billion during Q3 2022 and Q3 2023, and $42.9 billion ..."),
            // else all those of the sentence.
            let (after, next) = (qs[j].end, qs.get(j + 1).map_or(sentence.len(), |q| q.start));
            let local: Vec<&regex::Match> = matches
                .iter()
                .filter(|m| m.start() >= after && m.start() < next)
                .collect();
            let mut periods = expand(&local);
            if periods.len() != j - i + 1 {
                periods = expand(&matches.iter().collect::<Vec<_>>());
            }
            // Or only the first phrase's years, when the sentence names other periods too.
            if periods.len() != j - i + 1 {
                if let Some(first) = matches.first() {
                    let (years, _) = listed_years(first.as_str(), &sentence[first.end()..]);
                    if years.len() == j - i + 1 {
                        periods = years;
                    }
                }
            }
            if periods.len() == j - i + 1 {
                for (k, period) in periods.into_iter().enumerate() {
                    if let Some(f) = &mut found[i + k] {
                        f.period = Some(period);
                    }
                }
            }
        }
        i = j + 1;
    }
}

/// A period phrase that ends in a year, and the years listed right after it: "fiscal years
/// ended April 30, 2024" then ", 2023 and 2022" give "fiscal year ended April 30, 2024",
/// "... 2023" and "... 2022", and how many bytes of `after` the list took. Empty when the
/// phrase does not end in a year or no year follows it.
fn listed_years(phrase: &str, after: &str) -> (Vec<String>, usize) {
    static MORE: OnceLock<Regex> = OnceLock::new();
    let more = MORE.get_or_init(|| re(r"^(?:,\s*(?:and\s+)?|\s+and\s+)((?:19|20)\d\d)(?-u:\b)"));
    let phrase = phrase.trim();
    let Some(stem) = phrase.get(..phrase.len().saturating_sub(4)).filter(|_| {
        phrase.len() >= 4
            && phrase[phrase.len() - 4..]
                .bytes()
                .all(|b| b.is_ascii_digit())
    }) else {
        return (Vec::new(), 0);
    };
    // On one line, and spaced as before the year ("December 31, 2022").
    let spaced = stem.ends_with(char::is_whitespace);
    let mut stem = stem.split_whitespace().collect::<Vec<_>>().join(" ");
    if spaced {
        stem.push(' ');
    }
    let stem =
        stem.replacen("years ended", "year ended", 1)
            .replacen("years ending", "year ending", 1);
    let mut years = vec![phrase[phrase.len() - 4..].to_string()];
    let mut used = 0;
    while let Some(c) = more.captures(&after[used..]) {
        years.push(c[1].to_string());
        used += c.get(0).map_or(0, |m| m.end());
    }
    if years.len() < 2 {
        return (Vec::new(), 0);
    }
    (
        years.into_iter().map(|y| format!("{stem}{y}")).collect(),
        used,
    )
}

pub(super) fn per_of_words(adj: &str) -> Option<&'static str> {
    let p = patterns();
    p.per_words
        .captures(adj)
        .and_then(|c| per_of(c.name("adj")?.as_str()))
}

/// A rate word in the same clause before the quantity ("our average daily token volume was").
fn per_in_clause(before: &str) -> Option<&'static str> {
    let clause = before.rsplit([';', '.', '•']).next().unwrap_or(before);
    let clause = tail(clause, 80);
    per_of_words(clause)
}

/// The period or date the figure refers to: the phrase nearest to the metric in its sentence.
fn period_near(sentence: &str, start: usize, end: usize) -> Option<String> {
    let p = patterns();
    // The base of a comparison ("exceeded $5 billion in August 2025, up from $1 billion") takes
    // no period named before it: that one is the compared figure's.
    let base = is_comparison_base(&sentence[..start]);
    p.period
        .captures_iter(sentence)
        .filter_map(|c| c.name("p").or_else(|| c.name("month")))
        // A period told from another ("up 5x from a year ago") is the base of a comparison:
        // only the figure listed with it takes it (see `assign_respective_periods`).
        .filter(|m| {
            // Nor one after the base of a comparison that follows the figure ("RMB212.6
            // million, an increase of 163.2% from RMB80.8 million for the same period in 2024").
            let past_base = m.start() >= end && p.base_amount.is_match(&sentence[end..m.start()]);
            (m.end() <= start && !base || m.start() >= end && !past_base)
                && !is_relative_period(m.as_str())
                // A base named after the figure ("$4.5 billion, up $95 million from Q3 2022");
                // one before it may be the figure's own ("from the year ended December 31, 2022,
                // when we generated $1.9 billion").
                // A span of years is no base: "from 2016 – 2018".
                && !(m.start() >= end
                    && comparison_base(&sentence[..m.start()])
                    && !p.year_span.is_match(m.as_str()))
        })
        // A period usually follows its figure ("56.3% in 2024"): ties go to the one after.
        .min_by_key(|m| {
            if m.end() <= start {
                start - m.end() + 4
            } else {
                m.start() - end
            }
        })
        .map(|m| m.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether a period phrase after `before` is the base of a comparison: "up $95 million from Q3
/// 2022", "an increase of 20% over 2023", "compared to 2023".
/// Whether a figure after these words is the base of a comparison ("up from", "compared to").
fn is_comparison_base(before: &str) -> bool {
    static BASE: OnceLock<Regex> = OnceLock::new();
    BASE.get_or_init(|| {
        re(r"(?i)(?-u:\b)(?:(?:up|down|increased|decreased|increase|decrease|rose|grew|growth|fell|declined|dropped)\s+from|compared\s+(?:to|with)|versus|vs\.?)\s*(?:approximately|about|around|over|nearly|roughly|more\s+than)?\s*$")
    })
    .is_match(tail(before, 48))
}

fn comparison_base(before: &str) -> bool {
    static BASE: OnceLock<Regex> = OnceLock::new();
    BASE.get_or_init(|| {
        re(r"(?i)(?-u:\b)(?:from|over|compared\s+(?:to|with)|versus|vs\.?)\s*(?:the\s+)?$")
    })
    .is_match(tail(before, 24))
}

/// A period told from another: "a year earlier", "the prior year", "the same period last year".
fn is_relative_period(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    ["earlier", "ago", "before", "prior", "previous", "last year"]
        .iter()
        .any(|w| s.contains(w))
}

/// The model or product named with the metric: right after it ("on Llama 3.1 70B"), else the
/// model name nearest to it in the sentence.
fn subject_near(sentence: &str, start: usize, end: usize) -> Option<String> {
    let p = patterns();
    let valid = |m: &regex::Match| {
        let s = m.as_str();
        let head = s.split(['-', '‑', ' ']).next().unwrap_or("");
        // A name without a version: a family that is only a model ("Claude", "Qwen"), or any
        // family with an edition ("Nova Pro", "Claude Sonnet").
        let named = MODEL_FAMILIES.contains(&head) || s.trim_end().contains([' ', '-', '‑']);
        (s.chars().any(|c| c.is_ascii_digit()) || named && p.family.is_match(s))
            && !NOT_MODELS.contains(&head)
            && head.chars().count() >= 2
            && !s.starts_with(|c: char| c.is_ascii_digit())
            && !is_month(head)
    };
    let after = &sentence[end..];
    let clean = |m: regex::Match| m.as_str().trim().trim_end_matches(['.', ',']).to_string();
    if let Some(lead) = p.model_after.find(after) {
        if let Some(m) = p.model.find(&after[lead.end()..]) {
            if m.start() == 0 && valid(&m) {
                return Some(clean(m));
            }
        }
    }
    // Else the nearest model name in the same clause (no ", and", ";" or other figure between).
    let same_clause = |m: &regex::Match| {
        let between = if m.end() <= start {
            &sentence[m.end()..start]
        } else {
            &sentence[end..m.start()]
        };
        !between.contains(';')
            && !between.contains(", and")
            && !between.contains(", while")
            && !between.chars().any(|c| c.is_ascii_digit())
    };
    p.model
        .find_iter(sentence)
        .filter(|m| valid(m) && (m.end() <= start || m.start() >= end) && same_clause(m))
        .min_by_key(|m| {
            if m.end() <= start {
                start - m.end()
            } else {
                m.start() - end
            }
        })
        .map(clean)
}

/// A day of a date ("June 30, 2024") or a rate of change ("increased by 150.9% to"): never a
/// metric, and leaving them out lets lists run through them ("from RMB124.5 million in 2023 and
/// further increased by 150.9% to RMB312.4 million").
fn is_day_or_change(sentence: &str, q: &Quantity) -> bool {
    static CHANGE: OnceLock<Regex> = OnceLock::new();
    let before = &sentence[..q.start];
    if q.kind == NumberKind::Plain && q.currency.is_none() && !q.scaled && q.value <= 31.0 {
        let word = before
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        if is_month(word) {
            return true;
        }
    }
    q.kind == NumberKind::Percent
        && CHANGE
            .get_or_init(|| {
                re(r"(?i)(?-u:\b)(?:(?:increased|decreased|grew|rose|fell|declined|reduced|up|down)\s+(?:by\s+)?|(?:an?\s+)?(?:increase|decrease|growth|decline)\s+of\s+)(?:approximately\s+|about\s+|over\s+)?$")
            })
            .is_match(tail(before, 40))
}

fn is_month(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows cut at any byte of multi-byte text: no panic, and every span slices.
    #[test]
    fn multibyte_text_around_quantities() {
        let finder = MetricFinder::new();
        let pieces = [
            "“",
            "’",
            "–",
            "revenue of ",
            "$1.2 billion",
            " tokens",
            "中文",
            "capital expenditures ",
            "€5 million",
            " per million tokens",
            "é",
            "45%",
            " of our revenue",
            "context window of ",
        ];
        let mut text = String::new();
        for i in 0..60 {
            text.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
        }
        for (i, _) in text.char_indices() {
            let piece = &text[i..crate::util::floor_char_boundary(&text, i + 160)];
            for f in finder.find(piece) {
                assert!(piece.is_char_boundary(f.start) && piece.is_char_boundary(f.end));
                assert!(f.start < f.end && f.end <= piece.len());
            }
        }
    }
}
