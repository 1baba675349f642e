//! The translation session's edit line on a terminal (rustyline), with the
//! keys that act whatever the line holds. A pre-filled line (a draft, a
//! rejected translation, a match taken) must never turn a command into text,
//! so quitting, moving and saving a draft are keys as well as typed commands,
//! and Ctrl-C and Ctrl-D mean the same on a full line as on an empty one.
//! Bracketed paste is on, so a multi-line paste arrives as one piece (the
//! session folds its line breaks) instead of one line per segment.

use std::sync::{Arc, Mutex};

use audarma::{Error, Result};
use rustyline::error::ReadlineError;
use rustyline::{
    Cmd, ConditionalEventHandler, Config, DefaultEditor, Event, EventContext, EventHandler,
    KeyCode, KeyEvent, Modifiers, Movement, RepeatCount,
};

/// The keys, for the session's help.
pub const KEYS: &str = "\
  keys:  Ctrl-D quit      PageUp back      PageDown skip      Alt-Enter save as draft
         Ctrl-C clear the line (on an empty line: quit)      Ctrl-Y put back what was cleared";

/// A key that acts whatever the line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Quit,
    Back,
    Skip,
    Draft,
}

/// What one read gave: a line ended with Enter, or a key with what the line held.
#[derive(Debug)]
pub enum Read {
    Line(String),
    Key(Key, String),
}

pub struct LineEditor {
    editor: DefaultEditor,
    pressed: Arc<Mutex<Option<Key>>>,
}

impl LineEditor {
    pub fn new() -> Result<LineEditor> {
        let config = Config::builder().bracketed_paste(true).build();
        let mut editor = DefaultEditor::with_config(config)
            .map_err(|e| Error::usage(format!("cannot use the terminal: {e}")))?;
        let pressed = Arc::new(Mutex::new(None));
        let bind = |editor: &mut DefaultEditor, key: KeyEvent, what: Key| {
            let handler = Pressed {
                key: what,
                pressed: Arc::clone(&pressed),
            };
            editor.bind_sequence(key, EventHandler::Conditional(Box::new(handler)));
        };
        bind(&mut editor, KeyEvent::ctrl('D'), Key::Quit);
        bind(
            &mut editor,
            KeyEvent(KeyCode::PageUp, Modifiers::NONE),
            Key::Back,
        );
        bind(
            &mut editor,
            KeyEvent(KeyCode::PageDown, Modifiers::NONE),
            Key::Skip,
        );
        bind(
            &mut editor,
            KeyEvent(KeyCode::Enter, Modifiers::ALT),
            Key::Draft,
        );
        editor.bind_sequence(
            KeyEvent::ctrl('C'),
            EventHandler::Conditional(Box::new(ClearOrQuit)),
        );
        Ok(LineEditor { editor, pressed })
    }

    /// Read a line with `initial` on it, the cursor at its end.
    pub fn read(&mut self, prompt: &str, initial: &str) -> Result<Read> {
        self.take_pressed();
        match self.editor.readline_with_initial(prompt, (initial, "")) {
            Ok(line) => Ok(match self.take_pressed() {
                Some(key) => Read::Key(key, line),
                None => {
                    if !line.trim().is_empty() {
                        let _ = self.editor.add_history_entry(line.as_str());
                    }
                    Read::Line(line)
                }
            }),
            // Ctrl-C on an empty line (or the terminal's own interrupt and end keys).
            Err(ReadlineError::Interrupted | ReadlineError::Eof) => {
                Ok(Read::Key(Key::Quit, String::new()))
            }
            Err(e) => Err(Error::usage(format!("cannot read the terminal: {e}"))),
        }
    }

    fn take_pressed(&self) -> Option<Key> {
        self.pressed.lock().map_or(None, |mut k| k.take())
    }
}

/// A bound key: note which, and end the read with the line as it is.
struct Pressed {
    key: Key,
    pressed: Arc<Mutex<Option<Key>>>,
}

impl ConditionalEventHandler for Pressed {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, _: &EventContext) -> Option<Cmd> {
        if let Ok(mut k) = self.pressed.lock() {
            *k = Some(self.key);
        }
        Some(Cmd::AcceptLine)
    }
}

/// Ctrl-C clears a line that has text (into the kill ring, so Ctrl-Y brings it
/// back) and quits on an empty one.
struct ClearOrQuit;

impl ConditionalEventHandler for ClearOrQuit {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        Some(if ctx.line().is_empty() {
            Cmd::Interrupt
        } else {
            Cmd::Kill(Movement::WholeLine)
        })
    }
}
