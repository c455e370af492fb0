//! Walks a document update (Yjs v1 encoding) the way yrs decodes it, before yrs
//! does, and refuses what would make the decoder's work out of proportion to the
//! bytes received.
//!
//! A Randori document is two `Y.Text`s, so an update may hold text content only:
//! text, its formatting and embeds (JSON strings), and deletions. Everything else
//! is refused before yrs decodes it: maps, arrays, XML, binary values,
//! subdocuments. Those are where yrs' decoding costs run away: a binary value
//! declaring a map of 2^26 entries in six bytes makes yrs write 128 MiB of hash-map
//! control bytes, values nested 100,000 deep overflow its recursive decoder's stack
//! (which aborts the process), and each subdocument item, 7 bytes on the wire,
//! makes it build a whole document (104 MiB for a 1 MB frame). The counts that text
//! updates declare (clients, blocks, deleted ranges) are bounded by the bytes that
//! follow them. Pure: no allocation.

use yrs::encoding::read::{Cursor, Read};

/// Item info flags (yrs `block.rs`): which optional fields an item carries.
const HAS_ORIGIN: u8 = 0b1000_0000;
const HAS_RIGHT_ORIGIN: u8 = 0b0100_0000;
const HAS_PARENT_SUB: u8 = 0b0010_0000;

/// Struct kinds that are not items.
const GC: u8 = 0;
const SKIP: u8 = 10;

/// Content kinds (the low four bits of an item's info), yrs `block.rs`.
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

/// Why an update was refused.
pub type Refusal = String;

/// Checks one v1-encoded update. `Ok` means it holds text content only and declares
/// no count its bytes cannot hold; it may still be malformed in ways yrs reports.
pub fn check(update: &[u8]) -> Result<(), Refusal> {
    walk(update, &mut |_, _| {})
}

/// Every item id the update's blocks refer to (their origins, right origins and
/// parents), as `(client, clock)`, after the same checks as [`check`]. A block whose
/// reference the document does not hold would wait in yrs' pending store instead of
/// being integrated (see `docsync`), so the caller checks each against what it has.
pub fn references(update: &[u8]) -> Result<Vec<(u64, u32)>, Refusal> {
    let mut found = Vec::new();
    walk(update, &mut |client, clock| found.push((client, clock)))?;
    Ok(found)
}

/// Walks the update; `on_ref` hears every id a block refers to.
fn walk(update: &[u8], on_ref: &mut dyn FnMut(u64, u32)) -> Result<(), Refusal> {
    let mut c = Cursor::new(update);
    // Each client's section: at least a block count, a client id and a clock.
    let clients = count(&mut c, 3, "clients")?;
    for _ in 0..clients {
        // Each block: at least an info byte and a length or content byte.
        let blocks = count(&mut c, 2, "blocks")?;
        var::<u64>(&mut c)?;
        var::<u32>(&mut c)?;
        for _ in 0..blocks {
            block(&mut c, on_ref)?;
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

fn block(c: &mut Cursor, on_ref: &mut dyn FnMut(u64, u32)) -> Result<(), Refusal> {
    let info = c.read_u8().map_err(bad)?;
    if info == GC || info == SKIP {
        var::<u32>(c)?;
        return Ok(());
    }
    if info & HAS_ORIGIN != 0 {
        let (client, clock) = id(c)?;
        on_ref(client, clock);
    }
    if info & HAS_RIGHT_ORIGIN != 0 {
        let (client, clock) = id(c)?;
        on_ref(client, clock);
    }
    if info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN) == 0 {
        // No origin to copy the parent from: the parent is written out, as a root
        // type's name or as the id of the item that holds the nested type.
        if var::<u32>(c)? == 1 {
            c.read_string().map_err(bad)?;
        } else {
            let (client, clock) = id(c)?;
            on_ref(client, clock);
        }
        if info & HAS_PARENT_SUB != 0 {
            c.read_string().map_err(bad)?;
        }
    }
    match info & 0b1111 {
        content::DELETED => {
            var::<u32>(c)?;
        }
        content::STRING | content::EMBED => {
            c.read_string().map_err(bad)?;
        }
        content::FORMAT => {
            c.read_string().map_err(bad)?;
            c.read_string().map_err(bad)?;
        }
        kind => {
            return Err(format!(
                "{} (content kind {kind}): a Randori document holds text only",
                kind_name(kind)
            ));
        }
    }
    Ok(())
}

/// What a content kind no text holds is, for refusals.
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

fn id(c: &mut Cursor) -> Result<(u64, u32), Refusal> {
    Ok((var::<u64>(c)?, var::<u32>(c)?))
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

    fn record(doc: &Doc, f: impl Fn(&mut yrs::TransactionMut)) -> Vec<u8> {
        let mut txn = doc.transact_mut();
        f(&mut txn);
        txn.encode_update_v1()
    }

    /// Updates a text-only document produces: inserts, deletions, multi-byte text,
    /// formatting, embeds, a second client, and the whole state with its deletions.
    fn text_updates() -> Vec<Vec<u8>> {
        let doc = Doc::with_client_id(1);
        let other = Doc::with_client_id(2);
        let mut updates = vec![
            record(&doc, |txn| {
                let text = txn.get_or_insert_text("solution");
                text.insert(txn, 0, "def fizzbuzz(n):\n    return str(n)\n");
            }),
            record(&doc, |txn| {
                let text = txn.get_or_insert_text("solution");
                text.remove_range(txn, 4, 8);
                text.insert(txn, 2, "é ✓ 🦀");
            }),
            record(&doc, |txn| {
                let text = txn.get_or_insert_text("tests");
                text.insert(txn, 0, "bold");
                let attrs = yrs::types::Attrs::from([("bold".into(), Any::Bool(true))]);
                text.format(txn, 0, 4, attrs);
                text.insert_embed(txn, 4, Any::from(vec![Any::from(1.5), Any::Null]));
            }),
        ];
        for u in &updates {
            other
                .transact_mut()
                .apply_update(yrs::Update::decode_v1(u).unwrap())
                .unwrap();
        }
        updates.push(record(&other, |txn| {
            let text = txn.get_or_insert_text("solution");
            text.insert(txn, 0, "# pair\n");
            text.remove_range(txn, 0, 2);
        }));
        updates.push(
            other
                .transact()
                .encode_state_as_update_v1(&yrs::StateVector::default()),
        );
        updates
    }

    #[test]
    fn text_updates_pass_and_are_walked_as_yrs_reads_them() {
        for (i, update) in text_updates().iter().enumerate() {
            assert_eq!(check(update), Ok(()), "update {i}");
            yrs::Update::decode_v1(update).unwrap();
            // A prefix yrs finds incomplete, so does the walk.
            for cut in 0..update.len() {
                let prefix = &update[..cut];
                if yrs::Update::decode_v1(prefix).is_err() {
                    assert!(check(prefix).is_err(), "update {i} cut at {cut} passed");
                }
            }
        }
    }

    #[test]
    fn content_no_text_holds_is_refused_by_name() {
        let doc = Doc::with_client_id(3);
        let cases = [
            (
                record(&doc, |txn| {
                    txn.get_or_insert_map("m").insert(txn, "turn", 300);
                }),
                "map or array values (content kind 8)",
            ),
            (
                record(&doc, |txn| {
                    txn.get_or_insert_array("a")
                        .insert(txn, 0, yrs::MapPrelim::default());
                }),
                "a nested shared type",
            ),
            (
                record(&doc, |txn| {
                    let xml = txn.get_or_insert_xml_fragment("x");
                    xml.insert(txn, 0, XmlElementPrelim::empty("p"));
                }),
                "a nested shared type",
            ),
            (
                record(&doc, |txn| {
                    txn.get_or_insert_map("m").insert(txn, "sub", Doc::new());
                }),
                "a subdocument (content kind 9)",
            ),
        ];
        for (update, named) in cases {
            yrs::Update::decode_v1(&update).unwrap();
            let err = check(&update).unwrap_err();
            assert!(err.contains(named) && err.contains("text only"), "{err}");
        }
    }

    #[test]
    fn counts_are_bounded_by_the_bytes_left() {
        for (what, update) in [
            ("clients", vec![0xff, 0xff, 0x7f, 0, 0]),
            ("blocks", vec![1, 0xff, 0xff, 0xff, 0x0f, 7, 0]),
            ("deleted clients", vec![0, 0xff, 0xff, 0x7f]),
            ("deleted ranges", vec![0, 1, 7, 0xff, 0xff, 0x7f]),
        ] {
            let err = check(&update).unwrap_err();
            assert!(err.contains(what), "{what}: {err}");
        }
        assert!(check(&[0, 0]).is_ok(), "the empty update");
        assert!(check(&[1]).is_err(), "truncated");
    }
}
