//! PDF through `pdf-extract`: the only file that touches it.
//!
//! pdf-extract is the text engine, driven page by page through our own [`OutputDev`] so every
//! page keeps its number and words are laid out from glyph positions. Around it we fix what it
//! gets wrong on real filings:
//!
//! - It misreads the range form of a CIDFont's `/W` widths (`c_first c_last w`), giving glyphs
//!   zero width, which splits words and numbers ("3 0 , 2 0 2 3"). We rewrite every range entry
//!   into the list form `c_first [w ...]`, which it reads correctly, before extracting.
//! - It panics on odd PDFs by design. Every call into it runs under `catch_unwind`: a page that
//!   panics or errors becomes a warning, and the pages after it are still read.
//! - Its document-wide call stops at the first bad page and its password handling returns empty
//!   text for a PDF it could not decrypt. We load with lopdf ourselves, tell "encrypted" apart,
//!   and treat a PDF whose pages give no characters as "no text layer", never as empty success.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::document::Warning;
use crate::error::{Error, Result};

use super::RawDocument;

pub(crate) fn read(path: &Path, bytes: &[u8], password: Option<&str>) -> Result<RawDocument> {
    let corrupt = |message: String| Error::Corrupt {
        path: path.to_path_buf(),
        format: "PDF",
        message,
    };
    let options = lopdf::LoadOptions {
        password: password.map(str::to_string),
        ..Default::default()
    };
    let loaded = contain(|| lopdf::Document::load_mem_with_options(bytes, options));
    let (mut doc, mut recovered) = match loaded {
        Ok(Ok(doc)) => (doc, false),
        Ok(Err(e)) => {
            let error = load_error(path, password, e);
            match error {
                Error::Corrupt { .. } => (recover(bytes, password).ok_or(error)?, true),
                _ => return Err(error),
            }
        }
        Err(panic) => {
            let doc = recover(bytes, password)
                .ok_or_else(|| corrupt(format!("parser crashed: {panic}")))?;
            (doc, true)
        }
    };
    if !recovered && doc.get_pages().is_empty() {
        // A page tree that cannot be followed: a rebuilt cross-reference table may find it.
        if let Some(rebuilt) = recover(bytes, password) {
            doc = rebuilt;
            recovered = true;
        }
    }
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(Error::Encrypted {
            path: path.to_path_buf(),
            message: match password {
                Some(_) => "the password given does not open it".to_string(),
                None => "a user password is needed: pass it with --password".to_string(),
            },
        });
    }
    let (page_ids, numbers, mut raw, texts) = loop {
        let rewritten = fix_cid_width_ranges(&mut doc);
        let cycles = break_xobject_cycles(&mut doc) + break_parent_cycles(&mut doc);
        let page_ids = doc.get_pages();
        if page_ids.is_empty() {
            return Err(corrupt("no pages found (damaged page tree?)".to_string()));
        }
        let numbers: Vec<u32> = page_ids.keys().copied().collect();
        let mut raw = RawDocument::default();
        if rewritten > 0 {
            log_fix(&mut raw, rewritten);
        }
        if cycles > 0 {
            raw.warnings.push(Warning::document(format!(
                "cut {cycles} {} between form XObjects or pages that looped back or nested \
                 deeper than {MAX_FORM_DEPTH}",
                if cycles == 1 {
                    "reference"
                } else {
                    "references"
                }
            )));
        }
        if recovered {
            raw.warnings.push(Warning::document(
                "damaged PDF: its objects were found by scanning the file, not through its \
                 cross-reference table; text may be missing",
            ));
        }
        let texts = extract_pages(&doc, &numbers, &mut raw.warnings);
        let failed = raw.warnings.iter().filter(|w| w.page.is_some()).count();
        if failed == numbers.len() && !recovered {
            // Every page failed: a broken object they share (a font, a resource dictionary).
            // Rebuilt and with dangling references made harmless, the pages may read.
            if let Some(rebuilt) = recover(bytes, password) {
                doc = rebuilt;
                recovered = true;
                continue;
            }
        }
        break (page_ids, numbers, raw, texts);
    };

    let skipped: Vec<u32> = raw.warnings.iter().filter_map(|w| w.page).collect();
    let mut empty: Vec<u32> = Vec::new();
    for (i, &n) in numbers.iter().enumerate() {
        let text = texts.get(&n).cloned().unwrap_or_default();
        let number = i as u32 + 1;
        if text.trim().is_empty() && !skipped.contains(&number) {
            empty.push(number);
        }
        raw.pages.push(text);
    }
    // Pages that gave no characters: a scan without a text layer (an image), text we could not
    // decode (fonts without a Unicode mapping, an unsupported filter), or a blank page (neither:
    // "this page intentionally left blank", a page break in a printed web page). Say which.
    let mut undecoded: Vec<u32> = Vec::new();
    let mut scanned: Vec<u32> = Vec::new();
    for &n in &empty {
        let (fonts, xobjects) = page_ids
            .get(&numbers[n as usize - 1])
            .map_or((false, false), |&id| page_resources(&doc, id));
        if fonts {
            undecoded.push(n);
        } else if xobjects {
            scanned.push(n);
        }
    }
    let plural = |v: &[u32]| if v.len() == 1 { "page" } else { "pages" };
    if empty.len() == numbers.len() {
        let skipped = raw
            .warnings
            .iter()
            .find(|w| w.message.starts_with("page skipped"));
        let message = if let Some(w) = skipped {
            format!("no page could be read ({})", w.message)
        } else if undecoded.is_empty() {
            let pages = match numbers.len() {
                1 => "its only page".to_string(),
                n => format!("any of its {n} pages"),
            };
            format!("no text layer on {pages}: scanned? OCR needed")
        } else {
            let pages = match numbers.len() {
                1 => "its only page uses".to_string(),
                n => format!("its {n} pages use"),
            };
            format!(
                "{pages} fonts but no text could be decoded (no Unicode mapping or an unsupported encoding)"
            )
        };
        return Err(Error::NoText {
            path: path.to_path_buf(),
            message,
        });
    }
    if !scanned.is_empty() {
        raw.warnings.push(Warning::document(format!(
            "no text layer on {} {}: scanned? OCR needed",
            plural(&scanned),
            page_ranges(&scanned)
        )));
    }
    if !undecoded.is_empty() {
        raw.warnings.push(Warning::document(format!(
            "no text could be decoded on {} {} although they use fonts",
            plural(&undecoded),
            page_ranges(&undecoded)
        )));
    }
    Ok(raw)
}

/// Whether the page's resources (its own or inherited) name fonts, and whether they name
/// XObjects (images, or forms that may hold a scan).
fn page_resources(doc: &lopdf::Document, page: lopdf::ObjectId) -> (bool, bool) {
    let mut id = page;
    for _ in 0..32 {
        let Ok(dict) = doc.get_dictionary(id) else {
            return (false, false);
        };
        let resources = match dict.get(b"Resources") {
            Ok(lopdf::Object::Reference(r)) => doc.get_dictionary(*r).ok(),
            Ok(lopdf::Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        if let Some(res) = resources {
            let names = |key: &[u8]| {
                let d = match res.get(key) {
                    Ok(lopdf::Object::Reference(r)) => doc.get_dictionary(*r).ok(),
                    Ok(lopdf::Object::Dictionary(d)) => Some(d),
                    _ => None,
                };
                d.is_some_and(|d| !d.is_empty())
            };
            return (names(b"Font"), names(b"XObject"));
        }
        match dict.get(b"Parent").and_then(lopdf::Object::as_reference) {
            Ok(parent) => id = parent,
            Err(_) => return (false, false),
        }
    }
    (false, false)
}

/// A damaged PDF re-read by lopdf 0.47, which rebuilds a broken cross-reference table by
/// scanning for objects (0.42, which pdf-extract is built on, cannot), and written out again
/// whole so that 0.42 can load it.
fn recover(bytes: &[u8], password: Option<&str>) -> Option<lopdf::Document> {
    // Lenient loading first (it rebuilds the table when it cannot be read); then a rebuild
    // forced, for a table that reads but points at the wrong bytes.
    [false, true]
        .into_iter()
        .find_map(|force| resave(bytes, password, force))
}

fn resave(bytes: &[u8], password: Option<&str>, force: bool) -> Option<lopdf::Document> {
    let resaved = contain(|| {
        let options = lopdf_recover::LoadOptions {
            password: password.map(str::to_string),
            force_reconstruct: force,
            ..Default::default()
        };
        let mut doc = lopdf_recover::Document::load_mem_with_options(bytes, options).ok()?;
        if doc.get_pages().is_empty() && !rebuild_page_tree(&mut doc) {
            return None;
        }
        patch_dangling_references(&mut doc);
        let mut out = Vec::with_capacity(bytes.len());
        doc.save_to(&mut out).ok()?;
        Some(out)
    })
    .ok()
    .flatten()?;
    let doc = contain(|| lopdf::Document::load_mem(&resaved)).ok()?.ok()?;
    (!doc.get_pages().is_empty()).then_some(doc)
}

/// A page tree that cannot be followed (a damaged catalog or `/Pages` node): hang every
/// `/Type /Page` object found in the file, in object-number order, from a new root, as
/// pdftotext does. Returns false when there are no page objects to hang.
fn rebuild_page_tree(doc: &mut lopdf_recover::Document) -> bool {
    use lopdf_recover::{Dictionary, Object};
    let pages: Vec<lopdf_recover::ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.has_type(b"Page")))
        .map(|(&id, _)| id)
        .collect();
    if pages.is_empty() {
        return false;
    }
    let root_id = doc.new_object_id();
    for &id in &pages {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) {
            d.set("Parent", Object::Reference(root_id));
        }
    }
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Pages".to_vec()));
    root.set("Count", Object::Integer(pages.len() as i64));
    root.set(
        "Kids",
        Object::Array(pages.iter().map(|&id| Object::Reference(id)).collect()),
    );
    doc.objects.insert(root_id, Object::Dictionary(root));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(root_id));
    let catalog_id = doc.add_object(Object::Dictionary(catalog));
    doc.trailer.set("Root", Object::Reference(catalog_id));
    !doc.get_pages().is_empty()
}

/// References to objects the file no longer has (lost in a damaged object stream): a font
/// becomes Helvetica and a lost descendant of a composite font a plain CID font (its ToUnicode
/// map, if it survived, still decodes the text), so the text drawn in them still comes out;
/// anything else becomes `null`, so that one lost object does not fail every page that names it.
fn patch_dangling_references(doc: &mut lopdf_recover::Document) {
    use lopdf_recover::{Dictionary, Object, ObjectId};
    #[derive(Clone, Copy, PartialEq)]
    enum In {
        Other,
        /// A value of a `/Font` resource dictionary.
        FontMap,
        /// An element of a `/DescendantFonts` array.
        Descendants,
    }
    struct Fallbacks {
        font: ObjectId,
        cid_font: ObjectId,
    }
    fn patch(
        obj: &mut Object,
        exists: &dyn Fn(ObjectId) -> bool,
        fallback: &Fallbacks,
        within: In,
        depth: u32,
    ) -> usize {
        if depth > 64 {
            return 0;
        }
        let entries = |d: &mut Dictionary, font_map: bool| -> usize {
            d.iter_mut()
                .map(|(k, v)| {
                    let within = match k.as_slice() {
                        _ if font_map => In::FontMap,
                        b"DescendantFonts" => In::Descendants,
                        _ => In::Other,
                    };
                    let is_map = k.as_slice() == b"Font" && !font_map;
                    match v {
                        Object::Dictionary(inner) if is_map => {
                            inner_entries(inner, exists, fallback, depth + 1)
                        }
                        _ => patch(v, exists, fallback, within, depth + 1),
                    }
                })
                .sum()
        };
        match obj {
            Object::Reference(id) if !exists(*id) => {
                *obj = match within {
                    In::FontMap => Object::Reference(fallback.font),
                    In::Descendants => Object::Reference(fallback.cid_font),
                    In::Other => Object::Null,
                };
                1
            }
            Object::Array(items) => items
                .iter_mut()
                .map(|o| {
                    let inner = if within == In::Descendants {
                        within
                    } else {
                        In::Other
                    };
                    patch(o, exists, fallback, inner, depth + 1)
                })
                .sum(),
            Object::Dictionary(d) => entries(d, false),
            Object::Stream(s) => entries(&mut s.dict, false),
            _ => 0,
        }
    }
    /// The entries of a `/Font << /F1 9 0 R >>` map.
    fn inner_entries(
        map: &mut Dictionary,
        exists: &dyn Fn(ObjectId) -> bool,
        fallback: &Fallbacks,
        depth: u32,
    ) -> usize {
        map.iter_mut()
            .map(|(_, v)| patch(v, exists, fallback, In::FontMap, depth + 1))
            .sum()
    }
    let ids: std::collections::BTreeSet<ObjectId> = doc.objects.keys().copied().collect();
    let fallback = Fallbacks {
        font: doc.new_object_id(),
        cid_font: doc.new_object_id(),
    };
    let exists = |id: ObjectId| ids.contains(&id) || id == fallback.font || id == fallback.cid_font;
    let mut patched = 0;
    for obj in doc.objects.values_mut() {
        patched += patch(obj, &exists, &fallback, In::Other, 0);
    }
    if patched == 0 {
        return;
    }
    let name = |s: &str| Object::Name(s.as_bytes().to_vec());
    let mut helvetica = Dictionary::new();
    helvetica.set("Type", name("Font"));
    helvetica.set("Subtype", name("Type1"));
    helvetica.set("BaseFont", name("Helvetica"));
    helvetica.set("Encoding", name("WinAnsiEncoding"));
    doc.objects
        .insert(fallback.font, Object::Dictionary(helvetica));
    let mut info = Dictionary::new();
    info.set("Registry", Object::string_literal("Adobe"));
    info.set("Ordering", Object::string_literal("Identity"));
    info.set("Supplement", Object::Integer(0));
    let mut cid = Dictionary::new();
    cid.set("Type", name("Font"));
    cid.set("Subtype", name("CIDFontType2"));
    cid.set("BaseFont", name("Recovered"));
    cid.set("CIDSystemInfo", Object::Dictionary(info));
    cid.set("DW", Object::Integer(1000));
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", name("FontDescriptor"));
    descriptor.set("FontName", name("Recovered"));
    descriptor.set("Flags", Object::Integer(4));
    descriptor.set(
        "FontBBox",
        Object::Array(vec![0.into(), (-200).into(), 1000.into(), 800.into()]),
    );
    descriptor.set("ItalicAngle", Object::Integer(0));
    descriptor.set("Ascent", Object::Integer(800));
    descriptor.set("Descent", Object::Integer(-200));
    descriptor.set("CapHeight", Object::Integer(700));
    descriptor.set("StemV", Object::Integer(80));
    cid.set("FontDescriptor", Object::Dictionary(descriptor));
    doc.objects
        .insert(fallback.cid_font, Object::Dictionary(cid));
}

fn log_fix(_raw: &mut RawDocument, _n: usize) {
    // The width fix is routine on EDGAR PDFs; it is not worth a warning to the user.
}

fn load_error(path: &Path, password: Option<&str>, e: lopdf::Error) -> Error {
    match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => Error::Encrypted {
            path: path.to_path_buf(),
            message: match password {
                Some(_) => "the password given does not open it".to_string(),
                None => format!("cannot decrypt: {e}"),
            },
        },
        lopdf::Error::Unimplemented(what) if what.contains("encrypt") => Error::Encrypted {
            path: path.to_path_buf(),
            message: what.to_string(),
        },
        other => Error::Corrupt {
            path: path.to_path_buf(),
            format: "PDF",
            message: other.to_string(),
        },
    }
}

/// "1, 3-5, 9" from sorted page numbers.
fn page_ranges(pages: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let start = pages[i];
        let mut end = start;
        while i + 1 < pages.len() && pages[i + 1] == end + 1 {
            i += 1;
            end = pages[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

/// Extract every page. One pass over the document first (pdf-extract looks up the page list
/// once); if that stops at a bad page, that page gets a warning and the pages after it are read
/// one by one.
fn extract_pages(
    doc: &lopdf::Document,
    numbers: &[u32],
    warnings: &mut Vec<Warning>,
) -> BTreeMap<u32, String> {
    let mut dev = PageCollector::default();
    let whole = contain(|| pdf_extract::output_doc(doc, &mut dev));
    // The page that failed: the one begun and not ended, else the one after the last ended
    // (pdf-extract can fail on a page before it begins it).
    let failed_page = |dev: &PageCollector| {
        dev.current.or_else(|| match dev.last_done {
            Some(done) => numbers.iter().copied().find(|&n| n > done),
            None => numbers.first().copied(),
        })
    };
    let mut failed_at = match whole {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some((failed_page(&dev), describe(&e))),
        Err(panic) => Some((failed_page(&dev), format!("extractor crashed: {panic}"))),
    };
    while let Some((page, reason)) = failed_at.take() {
        let Some(page) = page else {
            warnings.push(Warning::document(format!(
                "text extraction failed: {reason}"
            )));
            break;
        };
        warnings.push(Warning {
            page: Some(page),
            message: format!("page skipped: {reason}"),
        });
        dev.pages.remove(&page);
        for &n in numbers.iter().filter(|&&n| n > page) {
            dev.current = None;
            let one = contain(|| pdf_extract::output_doc_page(doc, &mut dev, n));
            let reason = match one {
                Ok(Ok(())) => continue,
                Ok(Err(e)) => describe(&e),
                Err(panic) => format!("extractor crashed: {panic}"),
            };
            dev.pages.remove(&n);
            warnings.push(Warning {
                page: Some(n),
                message: format!("page skipped: {reason}"),
            });
        }
    }
    dev.pages
}

fn describe(e: &OutputError) -> String {
    match e {
        OutputError::PdfError(e) => e.to_string(),
        other => format!("{other:?}"),
    }
}

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`, turning a panic into an `Err` with its message. The panic is not printed: it is
/// reported as a warning or an error by the caller.
fn contain<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONTAINED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = CONTAINED.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// Rewrite the range entries `c_first c_last w` of every CIDFont `/W` array into the list form
/// `c_first [w w ...]`. Returns how many arrays were changed.
/// How deep Form XObjects may draw one another. Real documents nest a handful of levels;
/// pdf-extract recurses once per level, and tens of thousands overflow any stack.
const MAX_FORM_DEPTH: usize = 64;

/// Form XObjects that draw themselves, directly or through others, send pdf-extract into
/// unbounded recursion, and chains of them thousands deep overflow the stack (which no
/// `catch_unwind` stops). Cut every resource entry that closes a cycle or would make a chain
/// deeper than [`MAX_FORM_DEPTH`]; returns how many were cut.
fn break_xobject_cycles(doc: &mut lopdf::Document) -> usize {
    use lopdf::{Object, ObjectId};
    use std::collections::{BTreeMap, BTreeSet};
    // The XObjects each form's resources name: (form, key) -> target.
    let mut edges: BTreeMap<ObjectId, Vec<(Vec<u8>, ObjectId)>> = BTreeMap::new();
    for (&id, obj) in &doc.objects {
        let Object::Stream(stream) = obj else {
            continue;
        };
        if !stream.dict.has_type(b"XObject")
            && stream
                .dict
                .get(b"Subtype")
                .ok()
                .and_then(|s| s.as_name().ok())
                != Some(b"Form")
        {
            continue;
        }
        let resources = match stream.dict.get(b"Resources") {
            Ok(Object::Dictionary(d)) => Some(d),
            Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
            _ => None,
        };
        let xobjects = resources.and_then(|r| match r.get(b"XObject") {
            Ok(Object::Dictionary(d)) => Some(d),
            Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
            _ => None,
        });
        if let Some(x) = xobjects {
            let targets = x
                .iter()
                .filter_map(|(k, v)| v.as_reference().ok().map(|t| (k.clone(), t)))
                .collect();
            edges.insert(id, targets);
        }
    }
    // Depth-first from every form, iteratively; an edge back into the current path closes a cycle.
    let mut cut: BTreeSet<(ObjectId, Vec<u8>)> = BTreeSet::new();
    let mut done: BTreeSet<ObjectId> = BTreeSet::new();
    let mut height: BTreeMap<ObjectId, usize> = BTreeMap::new();
    for &start in edges.keys() {
        if done.contains(&start) {
            continue;
        }
        let mut path: Vec<(ObjectId, usize)> = vec![(start, 0)];
        let mut on_path: BTreeSet<ObjectId> = BTreeSet::from([start]);
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let out = edges.get(&node).map_or(&[][..], Vec::as_slice);
            if *next >= out.len() {
                path.pop();
                on_path.remove(&node);
                done.insert(node);
                // Its height, the longest chain of forms it draws; an edge to a form already
                // MAX_FORM_DEPTH high is cut, so no chain is deeper than that.
                let mut h = 1;
                for (key, target) in out {
                    let below = height.get(target).copied().unwrap_or(0);
                    if below >= MAX_FORM_DEPTH {
                        cut.insert((node, key.clone()));
                    } else if !cut.contains(&(node, key.clone())) {
                        h = h.max(below + 1);
                    }
                }
                height.insert(node, h);
                continue;
            }
            let (key, target) = &out[*next];
            *next += 1;
            if on_path.contains(target) {
                cut.insert((node, key.clone()));
            } else if !done.contains(target) && edges.contains_key(target) {
                path.push((*target, 0));
                on_path.insert(*target);
            }
        }
    }
    if cut.is_empty() {
        return 0;
    }
    // The entry that closes the cycle now names an empty form: `Do` still finds it, and draws
    // nothing.
    let mut empty = lopdf::Dictionary::new();
    empty.set("Type", Object::Name(b"XObject".to_vec()));
    empty.set("Subtype", Object::Name(b"Form".to_vec()));
    empty.set(
        "BBox",
        Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
    );
    let empty = doc.add_object(Object::Stream(lopdf::Stream::new(empty, Vec::new())));
    for (form, key) in &cut {
        let Ok(Object::Stream(stream)) = doc.get_object(*form) else {
            continue;
        };
        // Where the XObject map lives: in the form's dictionary, or behind references.
        let resources = stream.dict.get(b"Resources").ok().cloned();
        let (res_ref, map_ref) = match &resources {
            Some(Object::Reference(r)) => {
                let map = doc
                    .get_dictionary(*r)
                    .ok()
                    .and_then(|d| d.get(b"XObject").ok());
                (Some(*r), map.and_then(|m| m.as_reference().ok()))
            }
            Some(Object::Dictionary(d)) => (
                None,
                d.get(b"XObject").ok().and_then(|m| m.as_reference().ok()),
            ),
            _ => (None, None),
        };
        let map: Option<&mut lopdf::Dictionary> = match (map_ref, res_ref) {
            (Some(m), _) => doc.get_dictionary_mut(m).ok(),
            (None, Some(r)) => doc
                .get_dictionary_mut(r)
                .ok()
                .and_then(|d| d.get_mut(b"XObject").ok())
                .and_then(|x| x.as_dict_mut().ok()),
            (None, None) => match doc.get_object_mut(*form) {
                Ok(Object::Stream(s)) => s
                    .dict
                    .get_mut(b"Resources")
                    .ok()
                    .and_then(|r| r.as_dict_mut().ok())
                    .and_then(|r| r.get_mut(b"XObject").ok())
                    .and_then(|x| x.as_dict_mut().ok()),
                _ => None,
            },
        };
        if let Some(map) = map {
            map.set(key.clone(), Object::Reference(empty));
        }
    }
    cut.len()
}

/// A page whose `/Parent` chain loops (a node its own ancestor) sends pdf-extract's lookup of
/// inherited attributes round forever. Cut each loop where it closes; returns how many.
fn break_parent_cycles(doc: &mut lopdf::Document) -> usize {
    let mut cuts = Vec::new();
    for (_, page) in doc.get_pages() {
        let mut seen = std::collections::BTreeSet::from([page]);
        let mut node = page;
        while let Ok(parent) = doc
            .get_dictionary(node)
            .and_then(|d| d.get(b"Parent"))
            .and_then(lopdf::Object::as_reference)
        {
            if !seen.insert(parent) || seen.len() > 256 {
                cuts.push(node);
                break;
            }
            node = parent;
        }
    }
    cuts.sort();
    cuts.dedup();
    for &node in &cuts {
        if let Ok(d) = doc.get_dictionary_mut(node) {
            d.remove(b"Parent");
        }
    }
    cuts.len()
}

fn fix_cid_width_ranges(doc: &mut lopdf::Document) -> usize {
    use lopdf::Object;

    let ids: Vec<lopdf::ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, obj)| {
            let dict = obj.as_dict().ok()?;
            let subtype = dict.get(b"Subtype").ok()?.as_name().ok()?;
            matches!(subtype, b"CIDFontType0" | b"CIDFontType2").then_some(*id)
        })
        .collect();
    let mut changed = 0;
    for id in ids {
        let w = {
            let Ok(dict) = doc.get_dictionary(id) else {
                continue;
            };
            let Ok(w) = dict.get(b"W") else { continue };
            let w = match w {
                Object::Reference(r) => match doc.get_object(*r) {
                    Ok(o) => o.clone(),
                    Err(_) => continue,
                },
                o => o.clone(),
            };
            let Ok(items) = w.as_array() else { continue };
            let items: Vec<Object> = items
                .iter()
                .map(|o| match o {
                    Object::Reference(r) => doc.get_object(*r).cloned().unwrap_or(Object::Null),
                    o => o.clone(),
                })
                .collect();
            items
        };
        let Some(fixed) = widths_as_lists(&w) else {
            continue;
        };
        if let Ok(dict) = doc.get_dictionary_mut(id) {
            dict.set("W", Object::Array(fixed));
            changed += 1;
        }
    }
    changed
}

/// The list form of a `/W` array, or `None` when it has no range entries (or is malformed, in
/// which case it is left to pdf-extract as it was).
fn widths_as_lists(w: &[lopdf::Object]) -> Option<Vec<lopdf::Object>> {
    use lopdf::Object;

    let num = |o: &Object| match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    };
    let mut out = Vec::with_capacity(w.len());
    let mut any_range = false;
    let mut i = 0;
    while i < w.len() {
        let first = num(&w[i])?;
        match w.get(i + 1)? {
            Object::Array(list) => {
                out.push(Object::Integer(first as i64));
                out.push(Object::Array(
                    list.iter()
                        .map(|o| Object::Real(num(o).unwrap_or(0.0) as f32))
                        .collect(),
                ));
                i += 2;
            }
            last => {
                let last = num(last)?;
                let width = num(w.get(i + 2)?)?;
                let (first, last) = (first as i64, last as i64);
                if last < first || last - first > 65_535 {
                    return None;
                }
                any_range = true;
                out.push(Object::Integer(first));
                out.push(Object::Array(vec![
                    Object::Real(width as f32);
                    (last - first + 1) as usize
                ]));
                i += 3;
            }
        }
    }
    any_range.then_some(out)
}

/// Collects the glyphs pdf-extract reports into lines and words, page by page.
///
/// Lines break where the baseline moves by more than half the font size; a wider vertical gap
/// makes a blank line. Within a line, a gap wider than 0.15 of the font size is a space, and a
/// gap wider than three font sizes (a table column) a tab. A glyph drawn again at the same spot
/// (fake bold) is written once.
#[derive(Default)]
struct PageCollector {
    pages: BTreeMap<u32, String>,
    /// The page begun and not yet ended.
    current: Option<u32>,
    /// The last page ended.
    last_done: Option<u32>,
    text: String,
    height: f64,
    last: Option<Last>,
    space: bool,
}

#[derive(Clone, Copy)]
struct Last {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    ch: char,
}

impl OutputDev for PageCollector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        self.current = Some(page_num);
        self.text.clear();
        self.last = None;
        self.space = false;
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        if let Some(n) = self.current.take() {
            self.pages.insert(n, std::mem::take(&mut self.text));
            self.last_done = Some(n);
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> std::result::Result<(), OutputError> {
        // Device space with y growing down the page; the font size scaled by the text matrix.
        let (x, y) = (trm.m31, self.height - trm.m32);
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let mut size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 {
            size = font_size.abs().max(1.0);
        }
        let end = x + width * size;
        if ch.chars().all(char::is_whitespace) {
            if !ch.is_empty() {
                self.space = true;
                if let Some(last) = &mut self.last {
                    last.end = last.end.max(end);
                }
            }
            return Ok(());
        }
        let first = ch.chars().next().unwrap_or(' ');
        if let Some(last) = self.last {
            let line_size = size.max(last.size);
            let dy = y - last.y;
            if dy.abs() > 0.5 * line_size.min(size.max(1.0) * 1.5)
                || x < last.x - 0.5 * size && dy.abs() > 0.25 * size
            {
                self.text.push('\n');
                if dy > 2.0 * line_size {
                    self.text.push('\n');
                }
            } else if first == last.ch && (x - last.x).abs() < 0.1 * size && ch.chars().count() == 1
            {
                // The same glyph struck again at the same place: fake bold.
                return Ok(());
            } else {
                let gap = x - last.end;
                let after_currency = self.text.ends_with('$')
                    && !self.text[..self.text.len() - 1].ends_with(|c: char| c.is_alphanumeric());
                if gap > 3.0 * size && !after_currency {
                    self.text.push('\t');
                } else if self.space || gap > 0.15 * size || gap < -2.0 * size {
                    self.text.push(' ');
                }
            }
        }
        self.text.push_str(ch);
        self.space = false;
        self.last = Some(Last {
            x,
            y,
            end,
            size,
            ch: ch.chars().last().unwrap_or(first),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Object;

    #[test]
    fn width_ranges_become_lists() {
        let w = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(500), Object::Integer(600)]),
            Object::Integer(10),
            Object::Integer(12),
            Object::Integer(250),
        ];
        let fixed = widths_as_lists(&w).unwrap();
        assert_eq!(fixed.len(), 4);
        assert_eq!(fixed[2], Object::Integer(10));
        assert_eq!(fixed[3], Object::Array(vec![Object::Real(250.0); 3]));
        // Already in list form: nothing to do.
        assert!(widths_as_lists(&w[..2]).is_none());
    }

    #[test]
    fn ranges_of_pages() {
        assert_eq!(page_ranges(&[1, 3, 4, 5, 9]), "1, 3-5, 9");
    }

    #[test]
    fn panics_are_contained() {
        let r: std::result::Result<(), String> = contain(|| panic!("boom"));
        assert_eq!(r.unwrap_err(), "boom");
    }
}
