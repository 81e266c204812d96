//! Integration tests, one binary: the library on committed fixtures, the `tokenlens` binary end
//! to end, and the metric finder on table tests kept as data in `tests/data/`.

mod batch;
mod cli;
mod hostile;
mod metrics;
mod props;
mod terms;
