//! Awareness (cursors, names, colours) from untrusted connections: what a state may
//! contain, and which client ids a connection may set.
//!
//! Before, any connection (tokenless watchers too) could set any client id's state:
//! overwrite another user's cursor and name with a higher clock, or send 170k states
//! in one 1 MB frame, each looked up by a linear scan under the room's lock (6.5 s for
//! the first frame). And `user.color` went unchecked to every browser, where the
//! remote-caret widget writes it into a `style` attribute (CSS injection). Now a
//! state must be well formed ([`check_state`]), and [`Owners`] gives each client id to
//! one connection of one participant, at most [`MAX_STATES_PER_CONNECTION`] each,
//! with O(1) lookups.

use std::collections::HashMap;

use serde_json::Value;
use yrs::ClientID;

/// Client ids one connection may own. The stock client uses one per document; a
/// reloaded tab gets a new connection.
pub const MAX_STATES_PER_CONNECTION: usize = 4;

/// Longest `user.name`, in characters (a participant's name is at most 40).
pub const MAX_NAME_CHARS: usize = 40;

/// Checks the fields other browsers render: `user.name` is a short string without
/// control characters, `user.color` is `#rrggbb`, `user.colorLight` `#rrggbb` or
/// `#rrggbbaa` (y-codemirror.next puts both into `style` attributes). `null` (the
/// state removed) and states without `user` are fine.
pub fn check_state(state: &Value) -> Result<(), String> {
    let object = match state {
        Value::Null => return Ok(()),
        Value::Object(o) => o,
        _ => return Err("a state must be a JSON object".into()),
    };
    let Some(user) = object.get("user") else {
        return Ok(());
    };
    let Value::Object(user) = user else {
        return Err("user must be an object".into());
    };
    if let Some(name) = user.get("name") {
        let Some(name) = name.as_str() else {
            return Err("user.name must be a string".into());
        };
        if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
            return Err(format!(
                "user.name must be at most {MAX_NAME_CHARS} characters, none of them control characters"
            ));
        }
    }
    for (field, lengths) in [("color", &[6][..]), ("colorLight", &[6, 8][..])] {
        if let Some(colour) = user.get(field)
            && !colour.as_str().is_some_and(|c| is_hex_colour(c, lengths))
        {
            return Err(format!("user.{field} must be a colour like #30bced"));
        }
    }
    Ok(())
}

fn is_hex_colour(text: &str, lengths: &[usize]) -> bool {
    text.strip_prefix('#')
        .is_some_and(|hex| lengths.contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Who owns an awareness client id.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Owner {
    connection: u64,
    participant: String,
}

/// Which connection owns which awareness client ids, in a room.
#[derive(Debug, Default)]
pub struct Owners {
    /// Client id to its owner: the lookup every awareness entry needs, O(1).
    by_client: HashMap<ClientID, Owner>,
    /// Each connection's client ids (at most [`MAX_STATES_PER_CONNECTION`]), to
    /// release them when it closes.
    by_connection: HashMap<u64, Vec<ClientID>>,
}

/// Why a connection may not set a state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("watchers (no participant token) do not share a cursor")]
    Watcher,
    #[error("awareness client {0} belongs to someone else")]
    NotYours(u64),
    #[error("a connection may set at most {MAX_STATES_PER_CONNECTION} awareness states")]
    TooMany,
}

impl Owners {
    /// Lets `connection` (of `participant`; `None` for a watcher) set the states of
    /// `clients`, claiming those nobody owns. A client id owned by another
    /// connection of the same participant moves to this one (a reconnect before the
    /// old socket timed out); one owned by somebody else is refused. All or nothing.
    pub fn claim(
        &mut self,
        connection: u64,
        participant: Option<&str>,
        clients: impl IntoIterator<Item = ClientID> + Clone,
    ) -> Result<(), Refused> {
        let participant = participant.ok_or(Refused::Watcher)?;
        let own = self.by_connection.get(&connection).map_or(&[][..], Vec::as_slice);
        let mut new = 0;
        for client in clients.clone() {
            match self.by_client.get(&client) {
                Some(o) if o.connection == connection => {}
                Some(o) if o.participant != participant => return Err(Refused::NotYours(client.get())),
                _ => new += 1,
            }
        }
        if own.len() + new > MAX_STATES_PER_CONNECTION {
            return Err(Refused::TooMany);
        }
        for client in clients {
            let owner = Owner {
                connection,
                participant: participant.to_string(),
            };
            if let Some(previous) = self.by_client.insert(client, owner)
                && previous.connection != connection
                && let Some(ids) = self.by_connection.get_mut(&previous.connection)
            {
                ids.retain(|c| *c != client);
            }
            let ids = self.by_connection.entry(connection).or_default();
            if !ids.contains(&client) {
                ids.push(client);
            }
        }
        Ok(())
    }

    /// Forgets a closed connection; returns the client ids it owned, whose states
    /// are now gone.
    pub fn release(&mut self, connection: u64) -> Vec<ClientID> {
        let ids = self.by_connection.remove(&connection).unwrap_or_default();
        for id in &ids {
            self.by_client.remove(id);
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn id(n: u64) -> ClientID {
        ClientID::new(n)
    }

    #[test]
    fn states_render_safely_or_are_refused() {
        assert!(check_state(&json!(null)).is_ok());
        assert!(check_state(&json!({})).is_ok());
        assert!(check_state(&json!({"user": {"name": "Ada", "color": "#30bced", "colorLight": "#30bced33"}, "cursor": null})).is_ok());
        for bad in [
            json!({"user": {"color": "red;background:url(https://evil.example/x)"}}),
            json!({"user": {"color": "#30bced\" onmouseover=\""}}),
            json!({"user": {"colorLight": "#12"}}),
            json!({"user": {"name": "x".repeat(41)}}),
            json!({"user": {"name": "a\u{0}b"}}),
            json!({"user": {"name": 7}}),
            json!({"user": "Ada"}),
            json!([1, 2]),
        ] {
            assert!(check_state(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_client_id_belongs_to_one_participant() {
        let mut owners = Owners::default();
        assert_eq!(owners.claim(1, None, [id(10)]), Err(Refused::Watcher));
        owners.claim(1, Some("ada"), [id(10)]).unwrap();
        owners.claim(1, Some("ada"), [id(10)]).unwrap();
        assert_eq!(owners.claim(2, Some("bob"), [id(10)]), Err(Refused::NotYours(10)));
        // Ada reconnects before her old socket timed out: the id moves with her.
        owners.claim(3, Some("ada"), [id(10)]).unwrap();
        assert!(owners.release(1).is_empty());
        assert_eq!(owners.release(3), vec![id(10)]);
        owners.claim(2, Some("bob"), [id(10)]).unwrap();
    }

    #[test]
    fn a_connection_owns_a_bounded_number_of_ids() {
        let mut owners = Owners::default();
        owners.claim(1, Some("ada"), (0..4).map(id)).unwrap();
        assert_eq!(owners.claim(1, Some("ada"), [id(4)]), Err(Refused::TooMany));
        assert_eq!(owners.claim(1, Some("ada"), (0..5).map(id)), Err(Refused::TooMany));
        assert_eq!(owners.release(1).len(), 4);
    }
}
