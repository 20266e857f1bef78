#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// Where xpadmin-cli writes: results to stdout (text, or JSON with --json), errors as one line
// "xpadmin-cli: ..." to stderr, and progress to stderr when it is a terminal. Everything it
// writes, text and JSON, shows control characters and bidi overrides escaped (TerminalText):
// only the newlines the CLI itself writes stay as they are.
class CliOutput final
{
    Q_DECLARE_TR_FUNCTIONS(CliOutput)

public:
    CliOutput() = default;
    ~CliOutput();
    CliOutput(const CliOutput &) = delete;
    CliOutput &operator=(const CliOutput &) = delete;

    void setJson(bool json) { m_json = json; }
    bool json() const { return m_json; }

    // One line of text on stdout.
    void print(const QString &line = {});
    // Text on stdout as it is (no newline added).
    void write(const QString &text);
    void printJson(const QJsonObject &object);
    void printJson(const QJsonArray &array);
    // A remark for the person at the terminal, on stderr (never mixed into results).
    void note(const QString &line);

    // Prints the error as one line on stderr and returns the exit status for its kind.
    int fail(const Error &error);
    // A usage error: one line on stderr, exit status 2.
    int usage(const QString &reason);

    // Progress on one stderr line, rewritten in place; shown only when stderr is a terminal.
    // A command shows no progress for work that is over within QuietMs.
    static constexpr qint64 QuietMs = 500;
    bool showsProgress() const;
    void progress(const QString &text);
    void endProgress();

    // Driver messages may span lines; a script reads exactly one.
    static QString oneLine(const QString &text);

private:
    void errorLine(const QString &message);

    bool m_json = false;
    bool m_progressShown = false;
    int m_progressWidth = 0;
};
