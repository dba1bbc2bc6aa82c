//! The one next step for a trainee, from her progress and the curriculum's order: what the home,
//! topic, lesson and result pages offer as their primary action.

use crate::content::{Curriculum, Lesson, Topic};
use crate::model::progress::Progress;

/// What she should do next.
#[derive(Clone, Copy)]
pub enum Next {
    /// Read this lesson: the first unread one of the topic she is on.
    Lesson(&'static Topic, &'static Lesson),
    /// Every lesson of the topic read and the quiz not passed yet.
    Quiz(&'static Topic),
    /// The topic is accredited: its constancia (and the next topic, if any).
    Accredited(&'static Topic),
    /// Every topic accredited: the course's constancia.
    CourseDone,
}

impl Next {
    /// What the step is, by ids (content types have no `PartialEq`).
    fn key(&self) -> (&'static str, &'static str, &'static str) {
        match self {
            Next::Lesson(t, l) => ("leccion", t.id, l.id),
            Next::Quiz(t) => ("evaluacion", t.id, ""),
            Next::Accredited(t) => ("acreditado", t.id, ""),
            Next::CourseDone => ("curso", "", ""),
        }
    }
}

impl PartialEq for Next {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl std::fmt::Debug for Next {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.key())
    }
}

/// The next step within one topic.
pub fn in_topic(p: &Progress, t: &'static Topic) -> Next {
    if p.topic_status(t).accredited() {
        return Next::Accredited(t);
    }
    // A quiz she left half-way comes before the lessons she has not read.
    if p.current.contains_key(t.id) {
        return Next::Quiz(t);
    }
    match t.lessons.iter().find(|l| !p.is_read(l.id)) {
        Some(l) => Next::Lesson(t, l),
        None => Next::Quiz(t),
    }
}

/// The topic after `t` in the curriculum's order that is not accredited yet, if any.
pub fn next_topic(p: &Progress, c: &'static Curriculum, t: &Topic) -> Option<&'static Topic> {
    let at = c.topics.iter().position(|x| x.id == t.id)?;
    c.topics
        .iter()
        .cycle()
        .skip(at + 1)
        .take(c.topics.len() - 1)
        .find(|x| !p.topic_status(x).accredited())
}

/// The next step in the whole course: in the topic she was last in (`last_place`), unless it is
/// accredited; else in the first topic, in order, that is not.
pub fn in_course(p: &Progress, c: &'static Curriculum) -> Next {
    let last = p
        .last_place
        .as_ref()
        .and_then(|place| place.path.strip_prefix("/tema/"))
        .and_then(|rest| rest.split(['/', '#']).next())
        .and_then(|id| c.topic(id))
        .filter(|t| !p.topic_status(t).accredited());
    let topic = last.or_else(|| c.topics.iter().find(|t| !p.topic_status(t).accredited()));
    match topic {
        Some(t) => in_topic(p, t),
        None => Next::CourseDone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::CURRICULUM;
    use crate::model::progress::{Attempt, Place};

    fn pass(p: &mut Progress, t: &Topic) {
        p.attempts.entry(t.id.into()).or_default().push(Attempt {
            id: format!("a-{}", t.id),
            topic: t.id.into(),
            started_at: 1.0,
            finished_at: 2.0,
            correct: 10,
            total: 10,
            percent: 100,
            passed: true,
            content_version: CURRICULUM.content_version.into(),
            answers: vec![],
        });
    }

    #[test]
    fn a_new_trainee_starts_with_the_first_lesson() {
        let t = &CURRICULUM.topics[0];
        assert_eq!(
            in_course(&Progress::default(), &CURRICULUM),
            Next::Lesson(t, &t.lessons[0])
        );
    }

    #[test]
    fn the_next_unread_lesson_not_the_one_just_read() {
        let t = &CURRICULUM.topics[0];
        let mut p = Progress::default();
        p.mark_read(t.lessons[0].id, 1.0);
        p.mark_read(t.lessons[2].id, 1.0);
        p.last_place = Some(Place {
            path: format!("/tema/{}/leccion/{}", t.id, t.lessons[2].id),
            title: t.lessons[2].title.into(),
            at: 3.0,
        });
        assert_eq!(in_course(&p, &CURRICULUM), Next::Lesson(t, &t.lessons[1]));
    }

    #[test]
    fn the_quiz_once_every_lesson_is_read_then_the_constancia_and_the_next_topic() {
        let t = &CURRICULUM.topics[0];
        let mut p = Progress::default();
        for l in t.lessons {
            p.mark_read(l.id, 1.0);
        }
        assert_eq!(in_topic(&p, t), Next::Quiz(t));
        pass(&mut p, t);
        assert_eq!(in_topic(&p, t), Next::Accredited(t));
        assert_eq!(
            next_topic(&p, &CURRICULUM, t).map(|x| x.id),
            Some(CURRICULUM.topics[1].id)
        );
        // Home moves on to the next topic's first lesson, even with her last place in the first.
        p.last_place = Some(Place {
            path: format!("/tema/{}/evaluacion", t.id),
            title: String::new(),
            at: 3.0,
        });
        let t2 = &CURRICULUM.topics[1];
        assert_eq!(in_course(&p, &CURRICULUM), Next::Lesson(t2, &t2.lessons[0]));
    }

    #[test]
    fn the_topic_she_was_in_comes_first_then_the_course_is_done() {
        let t3 = &CURRICULUM.topics[2];
        let mut p = Progress {
            last_place: Some(Place {
                path: format!("/tema/{}", t3.id),
                title: String::new(),
                at: 3.0,
            }),
            ..Progress::default()
        };
        assert_eq!(in_course(&p, &CURRICULUM), Next::Lesson(t3, &t3.lessons[0]));
        for t in CURRICULUM.topics {
            for l in t.lessons {
                p.mark_read(l.id, 1.0);
            }
            pass(&mut p, t);
        }
        assert_eq!(in_course(&p, &CURRICULUM), Next::CourseDone);
        assert!(next_topic(&p, &CURRICULUM, t3).is_none());
    }
}
