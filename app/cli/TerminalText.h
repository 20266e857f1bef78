#pragma once

#include <QString>
#include <QStringView>

// What xpadmin-cli prints is seen on someone's terminal, and the text in it is often another
// person's (a reason, a name, a file's content): control characters and bidi overrides in it
// must show as what they are, never act. Every byte the CLI writes passes through here.
namespace TerminalText {

// Whether the character would act on a terminal or reorder the text around it: C0 controls,
// DEL, C1 controls, bidi marks, embeddings, overrides and isolates, line and paragraph separators.
bool isUnsafe(char16_t c);

// The text with every unsafe character but the newline written visibly: "\e", "\a", "\r", "\t",
// "\x01" for C0 controls, "\u009B", "\u202E" for the others. A JSON document stays valid and
// means the same text: its writer has already escaped the C0 controls inside strings, and
// "\uXXXX" is JSON's own escape for the rest.
QString visible(QStringView text);
// The same, with newlines escaped too ("\n"): a value shown in a table cell or on one line.
QString visibleLine(QStringView text);

} // namespace TerminalText
