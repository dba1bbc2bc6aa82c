//! The contact's board: files merged by ids (one person sent twice, or a consolidated file plus
//! its sources, counts once), the people × topics table, pass rates and the consolidated export.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Attempt, Loaded, Origin, Person, ResultsFile, ReviewCard, Topic, KIND_CONSOLIDATED};

/// Everything loaded so far.
#[derive(Clone, Debug, Default)]
pub struct Board {
    topics: Vec<Topic>,
    people: BTreeMap<String, Person>,
    /// When the shown name was written (the file's `exported_at`): the newest file wins.
    written: BTreeMap<String, f64>,
    /// Every distinct name seen per person id, to report the same person under two names.
    names: BTreeMap<String, BTreeSet<String>>,
    attempts: BTreeMap<String, Attempt>,
    /// Review cards by (person, question): the most recently changed copy.
    cards: BTreeMap<(String, String), ReviewCard>,
    /// Files accepted, and how many of them had no integrity code.
    pub files: usize,
    pub unverified_files: usize,
    /// The rows, computed once per change (the page draws totals, table, pending list and
    /// charts from them).
    rows: std::sync::OnceLock<Vec<PersonRow>>,
}

/// What adding one file changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddReport {
    pub new_people: usize,
    pub new_attempts: usize,
    /// Attempts already loaded from another file.
    pub repeated_attempts: usize,
}

/// A person with two or more names across files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    /// The name shown (from the newest file).
    pub shown: String,
    pub names: Vec<String>,
}

/// One person's result in one topic: best score and whether any attempt passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub best: u8,
    pub passed: bool,
    /// Day of the best attempt (`dd/mm/aaaa`).
    pub date: String,
    pub content_version: String,
    pub attempts: usize,
}

impl Cell {
    /// What the table shows in the cell: "✓ 90 %" passed, "✗ 50 %" not yet.
    pub fn short(&self) -> String {
        format!("{} {} %", if self.passed { "✓" } else { "✗" }, self.best)
    }

    /// The rest, for the detail row: "07/12/2026 · contenido 2026.11.2 · 2 intentos".
    pub fn detail(&self) -> String {
        format!(
            "{} · contenido {} · {} {}",
            self.date,
            self.content_version,
            self.attempts,
            if self.attempts == 1 {
                "intento"
            } else {
                "intentos"
            }
        )
    }

    /// Said to a screen reader in place of the tick: "aprobado, 90 %".
    pub fn spoken(&self) -> String {
        format!(
            "{}, {} %",
            if self.passed {
                "aprobado"
            } else {
                "no aprobado"
            },
            self.best
        )
    }
}

/// What a row's file lacks that the contact needs to ask the person for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Name,
    Municipality,
    Both,
}

impl Missing {
    /// The flag shown on the row, telling the contact what to do.
    pub fn message(self) -> &'static str {
        match self {
            Missing::Name | Missing::Both => {
                "Archivo sin nombre: pida a la persona que escriba su nombre y lo envíe de nuevo"
            }
            Missing::Municipality => {
                "Archivo sin municipio: pida a la persona que elija su municipio y lo envíe de nuevo"
            }
        }
    }
}

/// A row of the table: a person and her result per topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRow {
    pub person: Person,
    pub cells: BTreeMap<String, Cell>,
    /// Questions she has in review ("Repaso").
    pub in_review: usize,
}

impl PersonRow {
    /// Topics passed.
    pub fn passed(&self) -> usize {
        self.cells.values().filter(|c| c.passed).count()
    }

    /// A name or municipality left blank in her profile (only spaces count as blank).
    pub fn missing(&self) -> Option<Missing> {
        let name = self.person.name.trim().is_empty();
        let municipality = self.person.municipality.trim().is_empty();
        match (name, municipality) {
            (true, true) => Some(Missing::Both),
            (true, false) => Some(Missing::Name),
            (false, true) => Some(Missing::Municipality),
            (false, false) => None,
        }
    }
}

/// What the table shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Empty: every municipality.
    pub municipality: String,
    /// Empty: every topic; else only people who started this topic.
    pub topic: String,
}

/// How the table is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Name,
    Municipality,
    /// Topics passed, most first; or the filtered topic's best score.
    Progress,
}

/// A pass rate: of `started` (people who took at least one attempt), `passed` passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rate {
    pub label: String,
    pub passed: usize,
    pub started: usize,
}

impl Rate {
    /// Whole percent, 0 when nobody started.
    pub fn percent(&self) -> u32 {
        (self.passed * 100).checked_div(self.started).unwrap_or(0) as u32
    }
}

/// Totals for the whole board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    pub people: usize,
    pub municipalities: usize,
    pub attempts: usize,
    /// People who passed every topic of the course.
    pub completed: usize,
    /// Per topic: people who passed it / people who started it.
    pub per_topic: Vec<Rate>,
    /// Per municipality: topics passed / topics started, over its people.
    pub per_municipality: Vec<Rate>,
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Board {
    /// An empty board.
    pub fn new() -> Board {
        Board::default()
    }

    /// Merges one file. Attempts are keyed by their id, people by theirs.
    pub fn add(&mut self, file: Loaded) -> AddReport {
        let mut report = AddReport::default();
        self.rows = std::sync::OnceLock::new();
        self.files += 1;
        if file.origin != Origin::Verified {
            self.unverified_files += 1;
        }
        for t in file.topics {
            match self.topics.iter_mut().find(|x| x.id == t.id) {
                Some(x) if x.title == x.id => x.title = t.title,
                Some(_) => {}
                None => self.topics.push(t),
            }
        }
        for p in file.people {
            if !p.name.is_empty() {
                self.names
                    .entry(p.id.clone())
                    .or_default()
                    .insert(p.name.clone());
            }
            let newer = self
                .written
                .get(&p.id)
                .is_none_or(|w| file.exported_at >= *w);
            if !self.people.contains_key(&p.id) {
                report.new_people += 1;
            }
            if newer {
                self.written.insert(p.id.clone(), file.exported_at);
                self.people.insert(p.id.clone(), p);
            }
        }
        for a in file.attempts {
            if !self.topics.iter().any(|t| t.id == a.topic) {
                self.topics.push(Topic {
                    id: a.topic.clone(),
                    title: a.topic.clone(),
                });
            }
            if self.attempts.contains_key(&a.id) {
                report.repeated_attempts += 1;
            } else {
                report.new_attempts += 1;
                self.attempts.insert(a.id.clone(), a);
            }
        }
        for c in file.review {
            let key = (c.person.clone(), c.question.clone());
            match self.cards.get(&key) {
                Some(mine) if (mine.updated_at, mine.due) >= (c.updated_at, c.due) => {}
                _ => {
                    self.cards.insert(key, c);
                }
            }
        }
        report
    }

    /// Questions in review (active cards) over everyone on the board.
    pub fn in_review_count(&self) -> usize {
        self.cards.values().filter(|c| c.active()).count()
    }

    /// Topics in the order the files list them.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn people_count(&self) -> usize {
        self.people.len()
    }

    pub fn attempts_count(&self) -> usize {
        self.attempts.len()
    }

    /// Municipalities present, sorted; a blank one (a profile without it) is not a municipality.
    pub fn municipalities(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self
            .people
            .values()
            .map(|p| p.municipality.as_str())
            .filter(|m| !m.trim().is_empty())
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// People whose file has no name or no municipality.
    pub fn missing_count(&self) -> usize {
        self.rows().iter().filter(|r| r.missing().is_some()).count()
    }

    /// People whose id appears with different names (compared ignoring case and spacing).
    pub fn conflicts(&self) -> Vec<Conflict> {
        self.names
            .iter()
            .filter(|(_, names)| names.iter().map(|n| fold(n)).collect::<BTreeSet<_>>().len() > 1)
            .map(|(id, names)| Conflict {
                id: id.clone(),
                shown: self
                    .people
                    .get(id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                names: names.iter().cloned().collect(),
            })
            .collect()
    }

    /// One row per person with her best result per topic, sorted by id.
    pub fn rows(&self) -> &[PersonRow] {
        self.rows.get_or_init(|| self.compute_rows())
    }

    fn compute_rows(&self) -> Vec<PersonRow> {
        let mut cells: BTreeMap<&str, BTreeMap<String, Cell>> = BTreeMap::new();
        for a in self.attempts.values() {
            let row = cells.entry(a.person.as_str()).or_default();
            match row.get_mut(&a.topic) {
                None => {
                    row.insert(
                        a.topic.clone(),
                        Cell {
                            best: a.percent,
                            passed: a.passed,
                            date: a.date.clone(),
                            content_version: a.content_version.clone(),
                            attempts: 1,
                        },
                    );
                }
                Some(c) => {
                    c.attempts += 1;
                    c.passed |= a.passed;
                    if a.percent > c.best {
                        c.best = a.percent;
                        c.date = a.date.clone();
                        c.content_version = a.content_version.clone();
                    }
                }
            }
        }
        let mut review: BTreeMap<&str, usize> = BTreeMap::new();
        for c in self.cards.values().filter(|c| c.active()) {
            *review.entry(c.person.as_str()).or_default() += 1;
        }
        self.people
            .values()
            .map(|p| PersonRow {
                person: p.clone(),
                cells: cells.remove(p.id.as_str()).unwrap_or_default(),
                in_review: review.get(p.id.as_str()).copied().unwrap_or(0),
            })
            .collect()
    }

    /// The table's rows, filtered and sorted.
    pub fn table(&self, filter: &Filter, sort: SortBy) -> Vec<&PersonRow> {
        let mut rows: Vec<&PersonRow> = self
            .rows()
            .iter()
            .filter(|r| {
                filter.municipality.is_empty() || r.person.municipality == filter.municipality
            })
            .filter(|r| filter.topic.is_empty() || r.cells.contains_key(&filter.topic))
            .collect();
        let name = |r: &&PersonRow| (fold(&r.person.name), r.person.id.clone());
        match sort {
            SortBy::Name => rows.sort_by_cached_key(name),
            SortBy::Municipality => {
                rows.sort_by_cached_key(|r| (r.person.municipality.clone(), name(r)))
            }
            SortBy::Progress => rows.sort_by_cached_key(|r| {
                let score = if filter.topic.is_empty() {
                    r.passed() as i64 * 1000 + r.cells.values().map(|c| c.best as i64).sum::<i64>()
                } else {
                    r.cells.get(&filter.topic).map_or(0, |c| c.best as i64)
                };
                (-score, name(r))
            }),
        }
        rows
    }

    /// People who started a topic and have not passed it: (person, topic title, best score),
    /// by municipality and name. Borrowed: the page shows the first few of thousands.
    pub fn started_not_passed(&self, filter: &Filter) -> Vec<(&Person, &str, u8)> {
        let mut out = Vec::new();
        for r in self.table(filter, SortBy::Municipality) {
            for t in &self.topics {
                if !filter.topic.is_empty() && t.id != filter.topic {
                    continue;
                }
                if let Some(c) = r.cells.get(&t.id).filter(|c| !c.passed) {
                    out.push((&r.person, t.title.as_str(), c.best));
                }
            }
        }
        out
    }

    /// Totals and pass rates.
    pub fn stats(&self) -> Stats {
        let rows = self.rows();
        let per_topic = self
            .topics
            .iter()
            .map(|t| Rate {
                label: t.title.clone(),
                started: rows.iter().filter(|r| r.cells.contains_key(&t.id)).count(),
                passed: rows
                    .iter()
                    .filter(|r| r.cells.get(&t.id).is_some_and(|c| c.passed))
                    .count(),
            })
            .collect();
        let mut by_muni: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for r in rows {
            let e = by_muni.entry(r.person.municipality.trim()).or_default();
            e.0 += r.passed();
            e.1 += r.cells.len();
        }
        let n = self.topics.len();
        Stats {
            people: rows.len(),
            municipalities: by_muni.keys().filter(|m| !m.is_empty()).count(),
            attempts: self.attempts.len(),
            completed: rows.iter().filter(|r| n > 0 && r.passed() == n).count(),
            per_topic,
            per_municipality: by_muni
                .into_iter()
                .map(|(m, (passed, started))| Rate {
                    label: if m.is_empty() { "(sin municipio)" } else { m }.to_string(),
                    passed,
                    started,
                })
                .collect(),
        }
    }

    /// Everything on the board as one results file v1 (`consolidado`), which the board reads back.
    pub fn consolidated(&self, exported_at: f64) -> ResultsFile {
        ResultsFile::new(
            KIND_CONSOLIDATED,
            exported_at,
            self.topics.clone(),
            self.people.values().cloned().collect(),
            self.attempts.values().cloned().collect(),
        )
        .with_review(self.cards.values().cloned().collect())
    }

    /// Everything on the board as CSV for spreadsheets.
    /// Sorted by municipality, name and topic order.
    pub fn csv(&self) -> String {
        let order = |id: &str| {
            self.topics
                .iter()
                .position(|t| t.id == id)
                .unwrap_or(usize::MAX)
        };
        let mut rows: Vec<(&Person, &Attempt)> = self
            .attempts
            .values()
            .filter_map(|a| self.people.get(&a.person).map(|p| (p, a)))
            .collect();
        rows.sort_by(|(p, a), (q, b)| {
            (&p.municipality, &p.name, &p.id, order(&a.topic))
                .cmp(&(&q.municipality, &q.name, &q.id, order(&b.topic)))
                .then(a.finished_at.total_cmp(&b.finished_at))
        });
        crate::csv(&self.topics, &rows)
    }
}
