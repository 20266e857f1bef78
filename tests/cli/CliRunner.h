#pragma once

#include <QJsonDocument>
#include <QString>
#include <QStringList>

#include <initializer_list>

// Checks an exit status, and shows both output streams when it differs. Runs the command once.
#define CLI_EXIT(expression, code)                                                                                     \
    do {                                                                                                               \
        const CliRunner::Run cliRun_ = (expression);                                                                   \
        QVERIFY2(cliRun_.exitCode == (code) && !cliRun_.crashed, qPrintable(cliRun_.describe()));                      \
    } while (false)

// Runs the built xpadmin-cli as a user would, against one database, and keeps what it printed.
class CliRunner final
{
public:
    struct Run
    {
        int exitCode = -1;
        bool crashed = false;
        QString out;
        QString err;

        QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
        // For failure messages: the exit status and both streams.
        QString describe() const;
    };

    explicit CliRunner(QString database = {}) : m_database(std::move(database)) { }
    void setDatabase(const QString &database) { m_database = database; }
    const QString &database() const { return m_database; }

    // `xpadmin-cli --db DATABASE <arguments>`.
    Run operator()(const QStringList &arguments) const;
    // `xpadmin-cli <arguments>`, without --db.
    static Run raw(const QStringList &arguments);
    static QString program();

    // A command line from C strings: args({"user", "add", ...}).
    static QStringList args(std::initializer_list<const char *> items);
    // A failed command prints exactly one line on stderr, "xpadmin-cli: ...".
    static bool isOneErrorLine(const QString &err);

private:
    // Less than Qt Test's own limit for a test function (five minutes), so that a command that
    // hangs is reported with what it and the server were doing, not only with the test's stack.
    static constexpr int FinishMs = 200000;
    static constexpr int HelperMs = 60000;

    // For a command that did not finish: its threads' stacks (gdb) and, with a PostgreSQL test
    // server, every connection to it and what it waits for (psql).
    static QString diagnosis(qint64 pid);
    // What a helper program printed within HelperMs, or that it is not installed.
    static QString helperOutput(const QString &program, const QStringList &arguments);

    QString m_database;
};
