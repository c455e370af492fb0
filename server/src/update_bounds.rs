//! Walks a document update (Yjs v1 encoding) the way yrs decodes it, before yrs
//! does, and refuses what would make the decoder's work out of proportion to the
//! bytes received.
//!
//! yrs reserves room for as many elements as a count declares before reading them:
//! fallibly, but whatever fits in memory is granted, and a hash map's control bytes
//! are written at once (a map value declaring 2^26 entries in six bytes writes 128 MiB).
//! It also decodes nested values recursively, so a value nested deeply enough
//! overflows the stack, which aborts the process. `protocol.rs` bounds the counts at a
//! message's top level; this walk bounds every count inside an update, values nested
//! in content included, by the bytes that follow it, and bounds nesting depth.
//!
//! A Randori document is two `Y.Text`s, so the walk also refuses content no text
//! holds: maps, arrays, XML, binary values, subdocuments. Besides being foreign, a
//! subdocument item makes yrs build a whole document for 7 bytes on the wire (a 1 MB
//! frame of them cost 104 MiB). It is pure: no allocation beyond the recursion it
//! bounds.

use yrs::encoding::read::{Cursor, Read};

/// Deepest nesting of arrays and maps in one value. Document content from real
/// editors nests a few levels; yrs decodes each level with a recursive call.
pub const MAX_VALUE_DEPTH: usize = 64;

/// Item info flags (yrs `block.rs`): which optional fields an item carries.
const HAS_ORIGIN: u8 = 0b1000_0000;
const HAS_RIGHT_ORIGIN: u8 = 0b0100_0000;
const HAS_PARENT_SUB: u8 = 0b0010_0000;

/// Struct kinds that are not items.
const GC: u8 = 0;
const SKIP: u8 = 10;

/// Content kinds (the low four bits of an item's info).
mod content {
    pub const DELETED: u8 = 1;
    pub const JSON: u8 = 2;
    pub const BINARY: u8 = 3;
    pub const STRING: u8 = 4;
    pub const EMBED: u8 = 5;
    pub const FORMAT: u8 = 6;
    pub const TYPE: u8 = 7;
    pub const ANY: u8 = 8;
    pub const DOC: u8 = 9;
}

/// Type refs that carry a name (yrs `types/mod.rs`): an XML element.
const TYPE_REF_XML_ELEMENT: u8 = 3;

/// Why an update was refused.
pub type Refusal = String;

/// Whether a Randori document may hold content of this kind: text, its formatting
/// and embeds, and deleted text.
fn text_content(kind: u8) -> bool {
    matches!(
        kind,
        content::DELETED | content::STRING | content::EMBED | content::FORMAT
    )
}

/// What a content kind is, for refusals.
fn kind_name(kind: u8) -> &'static str {
    match kind {
        content::JSON => "JSON values",
        content::BINARY => "binary data",
        content::TYPE => "a nested shared type (map, array or XML)",
        content::ANY => "map or array values",
        content::DOC => "a subdocument",
        _ => "unknown content",
    }
}

/// Checks one v1-encoded update. `Ok` means it holds only text content and yrs may
/// decode it without work out of proportion to its size; it may still be malformed in
/// ways yrs reports itself.
pub fn check(update: &[u8]) -> Result<(), Refusal> {
    walk(update, &text_content)
}

/// Walks an update, refusing content kinds `allowed` says no to.
fn walk(update: &[u8], allowed: &dyn Fn(u8) -> bool) -> Result<(), Refusal> {
    let mut c = Cursor::new(update);
    // Each client's section: at least a block count, a client id and a clock.
    let clients = count(&mut c, 3, "clients")?;
    for _ in 0..clients {
        // Each block: at least an info byte and a length or content byte.
        let blocks = count(&mut c, 2, "blocks")?;
        var::<u64>(&mut c)?;
        var::<u32>(&mut c)?;
        for _ in 0..blocks {
            block(&mut c, allowed)?;
        }
    }
    // The delete set: per client an id and a range count; per range a clock and a length.
    let deleted_clients = count(&mut c, 2, "deleted clients")?;
    for _ in 0..deleted_clients {
        var::<u64>(&mut c)?;
        let ranges = count(&mut c, 2, "deleted ranges")?;
        for _ in 0..ranges {
            var::<u32>(&mut c)?;
            var::<u32>(&mut c)?;
        }
    }
    Ok(())
}

fn block(c: &mut Cursor, allowed: &dyn Fn(u8) -> bool) -> Result<(), Refusal> {
    let info = c.read_u8().map_err(bad)?;
    if info == GC || info == SKIP {
        var::<u32>(c)?;
        return Ok(());
    }
    if info & HAS_ORIGIN != 0 {
        id(c)?;
    }
    if info & HAS_RIGHT_ORIGIN != 0 {
        id(c)?;
    }
    if info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN) == 0 {
        // No origin to copy the parent from: the parent is written out.
        if var::<u32>(c)? == 1 {
            c.read_string().map_err(bad)?;
        } else {
            id(c)?;
        }
        if info & HAS_PARENT_SUB != 0 {
            c.read_string().map_err(bad)?;
        }
    }
    let kind = info & 0b1111;
    if !allowed(kind) {
        return Err(format!(
            "{} (content kind {kind}): a Randori document holds text only",
            kind_name(kind)
        ));
    }
    match kind {
        content::DELETED => {
            var::<u32>(c)?;
        }
        content::JSON => {
            // yrs reads one string more than the count says.
            let n = count(c, 1, "JSON values")?;
            for _ in 0..=n {
                c.read_string().map_err(bad)?;
            }
        }
        content::BINARY => {
            c.read_buf().map_err(bad)?;
        }
        content::STRING | content::EMBED => {
            c.read_string().map_err(bad)?;
        }
        content::FORMAT => {
            c.read_string().map_err(bad)?;
            c.read_string().map_err(bad)?;
        }
        content::TYPE => {
            if c.read_u8().map_err(bad)? == TYPE_REF_XML_ELEMENT {
                c.read_string().map_err(bad)?;
            }
        }
        content::ANY => {
            let n = count(c, 1, "values")?;
            for _ in 0..n {
                value(c, 0)?;
            }
        }
        content::DOC => {
            c.read_string().map_err(bad)?;
            value(c, 0)?;
        }
        other => return Err(format!("unknown content kind {other}")),
    }
    Ok(())
}

/// One value in yrs' binary `Any` encoding.
fn value(c: &mut Cursor, depth: usize) -> Result<(), Refusal> {
    if depth >= MAX_VALUE_DEPTH {
        return Err(format!(
            "a value nested deeper than {MAX_VALUE_DEPTH} levels"
        ));
    }
    match c.read_u8().map_err(bad)? {
        127 | 126 | 121 | 120 => {}
        125 => {
            c.read_var::<i64>().map_err(bad)?;
        }
        124 => {
            c.read_exact(4).map_err(bad)?;
        }
        123 | 122 => {
            c.read_exact(8).map_err(bad)?;
        }
        119 => {
            c.read_string().map_err(bad)?;
        }
        118 => {
            // Each entry: a key (at least its length byte) and a value (its tag).
            let n = count(c, 2, "map entries")?;
            for _ in 0..n {
                c.read_string().map_err(bad)?;
                value(c, depth + 1)?;
            }
        }
        117 => {
            let n = count(c, 1, "array items")?;
            for _ in 0..n {
                value(c, depth + 1)?;
            }
        }
        116 => {
            c.read_buf().map_err(bad)?;
        }
        tag => return Err(format!("unknown value tag {tag}")),
    }
    Ok(())
}

/// Reads a declared count and refuses it unless the bytes left could hold that many
/// elements of at least `min_bytes` each.
fn count(c: &mut Cursor, min_bytes: usize, what: &str) -> Result<u32, Refusal> {
    let n = var::<u32>(c)?;
    let left = c.buf.len() - c.next;
    if (n as usize).saturating_mul(min_bytes) > left {
        return Err(format!("declares {n} {what} in {left} bytes"));
    }
    Ok(n)
}

fn id(c: &mut Cursor) -> Result<(), Refusal> {
    var::<u64>(c)?;
    var::<u32>(c)?;
    Ok(())
}

fn var<T: yrs::encoding::varint::VarInt>(c: &mut Cursor) -> Result<T, Refusal> {
    c.read_var::<T>().map_err(bad)
}

fn bad(e: yrs::encoding::read::Error) -> Refusal {
    format!("truncated or malformed: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::types::xml::{XmlElementPrelim, XmlFragment};
    use yrs::updates::decoder::Decode;
    use yrs::{Any, Array, Doc, Map, ReadTxn, Text, Transact, WriteTxn};

    /// Updates with every kind of content a Yjs document can hold.
    fn real_updates() -> Vec<Vec<u8>> {
        let doc = Doc::with_client_id(1);
        let mut updates = Vec::new();
        let mut record = |doc: &Doc, f: &dyn Fn(&mut yrs::TransactionMut)| {
            let mut txn = doc.transact_mut();
            f(&mut txn);
            updates.push(txn.encode_update_v1());
        };
        record(&doc, &|txn| {
            let text = txn.get_or_insert_text("solution");
            text.insert(txn, 0, "def fizzbuzz(n):\n    return str(n)\n");
        });
        record(&doc, &|txn| {
            let text = txn.get_or_insert_text("solution");
            text.remove_range(txn, 4, 8);
            text.insert(txn, 2, "é ✓ 🦀");
        });
        record(&doc, &|txn| {
            let text = txn.get_or_insert_text("notes");
            text.insert(txn, 0, "bold");
            let attrs = yrs::types::Attrs::from([("bold".into(), Any::Bool(true))]);
            text.format(txn, 0, 4, attrs);
            text.insert_embed(txn, 4, Any::from(vec![Any::from(1.5), Any::Null]));
        });
        record(&doc, &|txn| {
            let map = txn.get_or_insert_map("settings");
            map.insert(txn, "turn", 300);
            map.insert(txn, "big", 1i64 << 40);
            map.insert(txn, "ratio", 0.25);
            map.insert(txn, "name", "Ada");
            map.insert(txn, "bytes", Any::Buffer(vec![1u8, 2, 3].into()));
            map.insert(
                txn,
                "nested",
                Any::from(std::collections::HashMap::from([(
                    "list".to_string(),
                    Any::from(vec![Any::from("a"), Any::Undefined, Any::Bool(false)]),
                )])),
            );
            map.insert(txn, "sub", yrs::MapPrelim::default());
            map.insert(txn, "doc", Doc::new());
        });
        record(&doc, &|txn| {
            let array = txn.get_or_insert_array("history");
            array.insert_range(txn, 0, [1, 2, 3]);
            array.remove_range(txn, 1, 1);
        });
        record(&doc, &|txn| {
            let xml = txn.get_or_insert_xml_fragment("xml");
            xml.insert(txn, 0, XmlElementPrelim::empty("p"));
        });
        // The whole document as a late joiner's step 2 carries it (GC'd deletions too).
        updates.push(
            doc.transact()
                .encode_state_as_update_v1(&yrs::StateVector::default()),
        );
        updates
    }

    fn any_content(_: u8) -> bool {
        true
    }

    #[test]
    fn the_walk_reads_every_kind_of_real_content_as_yrs_does() {
        for (i, update) in real_updates().iter().enumerate() {
            assert_eq!(walk(update, &any_content), Ok(()), "update {i}");
            yrs::Update::decode_v1(update).unwrap();
            // It walks what yrs reads: a prefix yrs finds incomplete, so does the walk.
            for cut in 0..update.len() {
                let prefix = &update[..cut];
                if yrs::Update::decode_v1(prefix).is_err() {
                    let walked = walk(prefix, &any_content);
                    assert!(walked.is_err(), "update {i} cut at {cut} passed");
                }
            }
        }
    }

    #[test]
    fn text_passes_and_other_content_is_refused_by_name() {
        let updates = real_updates();
        // Text inserts, deletions, formatting and embeds.
        for update in &updates[..3] {
            assert_eq!(check(update), Ok(()));
        }
        for (update, named) in [
            (&updates[3], "map or array values"),
            (&updates[5], "a nested shared type"),
        ] {
            let err = check(update).unwrap_err();
            assert!(err.contains(named) && err.contains("text only"), "{err}");
        }
        let err = check(&any_item(&[126])).unwrap_err();
        assert!(err.contains("content kind 8"), "{err}");
    }

    /// An update holding one `Any` content item whose value is `value`.
    fn any_item(value: &[u8]) -> Vec<u8> {
        let mut u = vec![1, 1, 7, 0]; // one client, one block, client 7, clock 0
        u.push(content::ANY); // info: no origins, parent written out
        u.extend([1, 1, b'x']); // parent: the root named "x"
        u.extend([1]); // one value
        u.extend(value);
        u.extend([0]); // empty delete set
        u
    }

    #[test]
    fn a_map_declaring_millions_of_entries_is_refused() {
        // 2^26 entries in six bytes: yrs would write 128 MiB of hash-map control bytes.
        let update = any_item(&[118, 0x80, 0x80, 0x80, 0x20]);
        let err = walk(&update, &any_content).unwrap_err();
        assert!(err.contains("declares 67108864 map entries"), "{err}");
        let err = walk(&any_item(&[117, 0xff, 0xff, 0x3f]), &any_content).unwrap_err();
        assert!(err.contains("array items"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused_before_it_can_overflow_the_stack() {
        let mut nested = Vec::new();
        for _ in 0..100_000 {
            nested.extend([117, 1]);
        }
        nested.push(126);
        let err = walk(&any_item(&nested), &any_content).unwrap_err();
        assert!(err.contains("nested deeper than 64"), "{err}");
        // 63 levels are fine.
        let mut ok = Vec::new();
        for _ in 0..MAX_VALUE_DEPTH - 1 {
            ok.extend([117, 1]);
        }
        ok.push(126);
        assert_eq!(walk(&any_item(&ok), &any_content), Ok(()));
    }

    #[test]
    fn counts_anywhere_are_bounded_by_the_bytes_left() {
        for (what, update) in [
            ("blocks", vec![1, 0xff, 0xff, 0xff, 0x0f, 7, 0]),
            ("values", {
                let mut u = any_item(&[]);
                u.truncate(8);
                u.extend([0xff, 0xff, 0x7f]);
                u
            }),
            ("deleted clients", vec![0, 0xff, 0xff, 0x7f]),
            ("deleted ranges", vec![0, 1, 7, 0xff, 0xff, 0x7f]),
            ("JSON values", {
                let mut u = vec![1, 1, 7, 0, content::JSON, 1, 1, b'x'];
                u.extend([0xff, 0xff, 0x7f]);
                u
            }),
        ] {
            let err = walk(&update, &any_content).unwrap_err();
            assert!(err.contains(what), "{what}: {err}");
        }
        assert!(check(&[0, 0]).is_ok(), "the empty update");
        assert!(check(&[1]).is_err(), "truncated");
    }
}
