//! Local profiles on a shared computer: each trainee's progress kept apart, an optional PIN,
//! and the merge rules that let two tabs (or an imported backup) combine without losing data.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::progress::Progress;

/// The 46 municipalities of Guanajuato (INEGI catalogue), for the profile's municipality.
pub const MUNICIPALITIES: [&str; 46] = [
    "Abasolo",
    "Acámbaro",
    "Apaseo el Alto",
    "Apaseo el Grande",
    "Atarjea",
    "Celaya",
    "Comonfort",
    "Coroneo",
    "Cortazar",
    "Cuerámaro",
    "Doctor Mora",
    "Dolores Hidalgo Cuna de la Independencia Nacional",
    "Guanajuato",
    "Huanímaro",
    "Irapuato",
    "Jaral del Progreso",
    "Jerécuaro",
    "León",
    "Manuel Doblado",
    "Moroleón",
    "Ocampo",
    "Pénjamo",
    "Pueblo Nuevo",
    "Purísima del Rincón",
    "Romita",
    "Salamanca",
    "Salvatierra",
    "San Diego de la Unión",
    "San Felipe",
    "San Francisco del Rincón",
    "San José Iturbide",
    "San Luis de la Paz",
    "San Miguel de Allende",
    "Santa Catarina",
    "Santa Cruz de Juventino Rosas",
    "Santiago Maravatío",
    "Silao de la Victoria",
    "Tarandacuao",
    "Tarimoro",
    "Tierra Blanca",
    "Uriangato",
    "Valle de Santiago",
    "Victoria",
    "Villagrán",
    "Xichú",
    "Yuriria",
];

/// Longest name or job title accepted.
pub const MAX_TEXT: usize = 80;

/// A PIN kept only as a salted hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinHash {
    pub salt: String,
    pub hash: String,
}

/// Rounds of SHA-256 over salt and PIN. A 4-digit PIN can always be found by trying all
/// 10,000; the rounds only slow a casual attempt. The interface says so.
const PIN_ROUNDS: u32 = 2_000;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a string, as lowercase hex.
pub fn sha256_hex(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

impl PinHash {
    /// Hashes a PIN with a salt. The PIN must be exactly 4 digits.
    pub fn new(pin: &str, salt: &str) -> Option<PinHash> {
        valid_pin(pin).then(|| PinHash {
            salt: salt.to_string(),
            hash: pin_hash(pin, salt),
        })
    }

    pub fn matches(&self, pin: &str) -> bool {
        valid_pin(pin) && pin_hash(pin, &self.salt) == self.hash
    }
}

fn pin_hash(pin: &str, salt: &str) -> String {
    let mut h = Sha256::digest(format!("jornada-pin:{salt}:{pin}").as_bytes()).to_vec();
    for _ in 0..PIN_ROUNDS {
        let mut d = Sha256::new();
        d.update(&h);
        d.update(salt.as_bytes());
        h = d.finalize().to_vec();
    }
    hex(&h)
}

/// Exactly four ASCII digits.
pub fn valid_pin(pin: &str) -> bool {
    pin.len() == 4 && pin.bytes().all(|b| b.is_ascii_digit())
}

/// One trainee on this device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub municipality: String,
    pub job_title: String,
    pub pin: Option<PinHash>,
    pub created_at: f64,
    pub last_backup: Option<f64>,
    pub progress: Progress,
}

impl Profile {
    pub fn new(id: String, now: f64) -> Profile {
        Profile {
            id,
            name: String::new(),
            municipality: String::new(),
            job_title: String::new(),
            pin: None,
            created_at: now,
            last_backup: None,
            progress: Progress::default(),
        }
    }

    /// The name to show; an unnamed profile is "Perfil sin nombre".
    pub fn display_name(&self) -> &str {
        if self.name.trim().is_empty() {
            "Perfil sin nombre"
        } else {
            self.name.trim()
        }
    }

    /// Whether she has said who she is: a name and a municipality, which every results file and
    /// constancia carries (a contact cannot tell whose a nameless file is).
    pub fn identified(&self) -> bool {
        !self.name.trim().is_empty() && !self.municipality.is_empty()
    }

    /// Whether the profile holds any progress worth backing up.
    pub fn has_progress(&self) -> bool {
        let p = &self.progress;
        !p.lessons_read.is_empty()
            || !p.attempts.is_empty()
            || !p.current.is_empty()
            || !p.set_aside.is_empty()
    }
}

/// Checks a profile's editable fields; returns a Spanish message for the first problem.
pub fn check_fields(name: &str, municipality: &str, job_title: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Escriba su nombre.".into());
    }
    if name.chars().count() > MAX_TEXT || job_title.trim().chars().count() > MAX_TEXT {
        return Err(format!(
            "El nombre y el cargo pueden tener hasta {MAX_TEXT} caracteres."
        ));
    }
    if name.chars().any(char::is_control) || job_title.chars().any(char::is_control) {
        return Err("El nombre o el cargo tienen caracteres no válidos.".into());
    }
    if !MUNICIPALITIES.contains(&municipality) {
        return Err("Elija su municipio de la lista.".into());
    }
    Ok(())
}

/// Everything stored on this device: the profiles and which one is in use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiles {
    pub profiles: Vec<Profile>,
    pub active: Option<String>,
    /// Ids of deleted profiles, so a merge with another tab does not bring them back.
    /// Only the random id is kept: nothing of the person.
    pub deleted: Vec<String>,
}

impl Profiles {
    /// The active profile, creating an unnamed one on first use so study can start at once.
    pub fn ensure_active(&mut self, new_id: impl FnOnce() -> String, now: f64) -> &mut Profile {
        let exists = self
            .active
            .as_ref()
            .is_some_and(|a| self.profiles.iter().any(|p| &p.id == a));
        if !exists {
            if let Some(first) = self.profiles.first() {
                self.active = Some(first.id.clone());
            } else {
                let p = Profile::new(new_id(), now);
                self.active = Some(p.id.clone());
                self.profiles.push(p);
            }
        }
        let id = self.active.clone().unwrap_or_default();
        self.profiles
            .iter_mut()
            .find(|p| p.id == id)
            .expect("active profile exists")
    }

    pub fn active(&self) -> Option<&Profile> {
        let id = self.active.as_ref()?;
        self.profiles.iter().find(|p| &p.id == id)
    }

    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Profile> {
        self.profiles.iter_mut().find(|p| p.id == id)
    }

    /// Removes a profile and everything of it; remembers only its id as deleted.
    pub fn delete(&mut self, id: &str) -> bool {
        let before = self.profiles.len();
        self.profiles.retain(|p| p.id != id);
        if self.profiles.len() == before {
            return false;
        }
        if !self.deleted.iter().any(|d| d == id) {
            self.deleted.push(id.to_string());
        }
        if self.active.as_deref() == Some(id) {
            self.active = None;
        }
        true
    }

    /// Merges another copy in (another tab, or an imported file): profiles by id, their progress
    /// merged without loss; deletions win; names and settings of the most recently backed-up or
    /// created copy are kept when both sides have the profile.
    pub fn merge(&mut self, other: &Profiles) {
        for d in &other.deleted {
            if !self.deleted.contains(d) {
                self.deleted.push(d.clone());
            }
        }
        for theirs in &other.profiles {
            match self.profiles.iter_mut().find(|p| p.id == theirs.id) {
                Some(mine) => {
                    mine.progress.merge(&theirs.progress);
                    mine.last_backup = match (mine.last_backup, theirs.last_backup) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        (a, b) => a.or(b),
                    };
                }
                None => self.profiles.push(theirs.clone()),
            }
        }
        // A tab that had no profile yet follows the one the other tab created or chose.
        if self.active.is_none() {
            self.active.clone_from(&other.active);
        }
        let deleted = self.deleted.clone();
        self.profiles.retain(|p| !deleted.contains(&p.id));
        if self.active.as_ref().is_some_and(|a| deleted.contains(a)) {
            self.active = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_lesson(id: &str, lesson: &str) -> Profile {
        let mut p = Profile::new(id.into(), 1.0);
        p.progress.mark_read(lesson, 2.0);
        p
    }

    #[test]
    fn there_are_46_distinct_municipalities() {
        let mut m = MUNICIPALITIES.to_vec();
        m.sort();
        m.dedup();
        assert_eq!(m.len(), 46);
    }

    #[test]
    fn pin_is_salted_and_checked() {
        let a = PinHash::new("1234", "sal-a").unwrap();
        let b = PinHash::new("1234", "sal-b").unwrap();
        assert_ne!(
            a.hash, b.hash,
            "the same PIN hashes differently with another salt"
        );
        assert!(!a.hash.contains("1234"));
        assert!(a.matches("1234"));
        assert!(!a.matches("4321"));
        assert!(PinHash::new("12a4", "s").is_none());
        assert!(PinHash::new("12345", "s").is_none());
    }

    #[test]
    fn fields_are_checked_in_spanish() {
        assert!(check_fields("Ana", "León", "").is_ok());
        assert_eq!(
            check_fields("  ", "León", ""),
            Err("Escriba su nombre.".into())
        );
        assert_eq!(
            check_fields("Ana", "Springfield", ""),
            Err("Elija su municipio de la lista.".into())
        );
        assert!(check_fields(&"x".repeat(81), "León", "").is_err());
    }

    #[test]
    fn first_use_creates_an_unnamed_active_profile() {
        let mut ps = Profiles::default();
        let id = ps.ensure_active(|| "p1".into(), 1.0).id.clone();
        assert_eq!(id, "p1");
        assert_eq!(ps.active().unwrap().display_name(), "Perfil sin nombre");
        assert_eq!(
            ps.ensure_active(|| "p2".into(), 2.0).id,
            "p1",
            "no second profile"
        );
    }

    #[test]
    fn profiles_keep_progress_apart() {
        let mut ps = Profiles {
            profiles: vec![with_lesson("a", "l1"), with_lesson("b", "l2")],
            active: Some("a".into()),
            deleted: vec![],
        };
        assert!(ps.active().unwrap().progress.is_read("l1"));
        assert!(!ps.active().unwrap().progress.is_read("l2"));
        ps.active = Some("b".into());
        assert!(!ps.active().unwrap().progress.is_read("l1"));
    }

    #[test]
    fn deletion_wins_in_a_merge_and_leaves_only_the_id() {
        let mut tab_a = Profiles {
            profiles: vec![with_lesson("a", "l1"), with_lesson("b", "l2")],
            active: Some("b".into()),
            deleted: vec![],
        };
        let tab_b = tab_a.clone();
        assert!(tab_a.delete("b"));
        let mut merged = tab_b.clone();
        merged.merge(&tab_a);
        assert!(merged.get("b").is_none());
        assert_eq!(merged.active, None);
        let json = serde_json::to_string(&tab_a).unwrap();
        assert!(
            !json.contains("l2"),
            "nothing of the deleted profile is kept"
        );
    }

    #[test]
    fn merge_combines_the_same_profile_from_two_copies() {
        let mut a = Profiles {
            profiles: vec![with_lesson("a", "l1")],
            active: Some("a".into()),
            deleted: vec![],
        };
        let b = Profiles {
            profiles: vec![with_lesson("a", "l2"), with_lesson("c", "l3")],
            active: None,
            deleted: vec![],
        };
        a.merge(&b);
        let mut fresh = Profiles::default();
        fresh.merge(&a);
        assert_eq!(
            fresh.active.as_deref(),
            Some("a"),
            "a tab with no profile follows the other"
        );
        let p = a.get("a").unwrap();
        assert!(p.progress.is_read("l1") && p.progress.is_read("l2"));
        assert!(a.get("c").is_some());
        assert_eq!(a.active.as_deref(), Some("a"));
    }
}
