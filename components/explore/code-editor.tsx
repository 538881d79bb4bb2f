'use client';

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { autocompletion, closeBrackets, completionKeymap } from '@codemirror/autocomplete';
import { lintGutter } from '@codemirror/lint';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { useEffect, useRef, type ReactNode } from 'react';

export interface CodeEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd-Enter runs the query. */
  onRun: () => void;
  /** The language: highlighting, completion and linting. */
  language: Extension;
  placeholder?: string;
}

// What a parent may change after mount without a new editor (a renumbered query's label).
const labelSlot = new Compartment();
const placeholderSlot = new Compartment();
const placeholderContrast = EditorView.theme({ '.cm-placeholder': { color: '#62748e' } });
const labelled = (label: string): Extension => EditorView.contentAttributes.of({ 'aria-label': label });

/** A CodeMirror 6 editor; the language extension decides what it knows. */
export function CodeEditor({ label, value, onChange, onRun, language, placeholder }: CodeEditorProps): ReactNode {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest props, for the editor's listeners and for its first document; updated after each render.
  const latest = useRef({ onChange, onRun, value, label, placeholder });
  useEffect(() => {
    latest.current = { onChange, onRun, value, label, placeholder };
  });

  useEffect(() => {
    if (!host.current) return;
    const initial = latest.current;
    // CodeMirror injects its styles; under the portal's CSP they need the page's nonce.
    const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.value,
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion(),
          lintGutter(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                latest.current.onRun();
                return true;
              },
            },
            ...completionKeymap,
            ...historyKeymap,
            ...defaultKeymap,
          ]),
          placeholderSlot.of(placeholderText(initial.placeholder ?? '')),
          EditorView.lineWrapping,
          // CodeMirror's placeholder grey (#888) is 3.5:1 on white; slate-500 meets AA.
          placeholderContrast,
          ...(nonce ? [EditorView.cspNonce.of(nonce)] : []),
          labelSlot.of(labelled(initial.label)),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
          language,
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor owns its document after mount; `value`, label and placeholder changes are synced below.
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({
      effects: [
        labelSlot.reconfigure(labelled(label)),
        placeholderSlot.reconfigure(placeholderText(placeholder ?? '')),
      ],
    });
  }, [label, placeholder]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return (
    <div
      ref={host}
      className="min-h-[2.5rem] rounded-md border border-slate-300 bg-white text-sm shadow-sm focus-within:border-sky-500 [&_.cm-editor]:rounded-md [&_.cm-focused]:outline-none [&_.cm-content]:font-mono"
    />
  );
}
