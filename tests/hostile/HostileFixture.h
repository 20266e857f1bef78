#pragma once

#include "tests/support/TestBackend.h"
#include "tests/support/TestScale.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// What the hostile-input tests share: the hostile strings, a fresh database per test with one
// user and one row in it, what a person would compare to see that nothing else changed, and
// what Validation promises, stated independently of it.
class HostileFixture
{
protected:
    static constexpr int StringCount = TestScale::of(10000);
    static const QString BaseUser;

    // What a person would compare to see that nothing else changed.
    struct Snapshot
    {
        qint64 users = 0;
        qint64 rows = 0;
        qint64 amountSum = 0;
        qint64 profiles = 0;
        qint64 totalSum = 0;
        qint64 events = 0;
        QString newestHash;

        bool operator==(const Snapshot &) const = default;
        QString text() const
        {
            return QStringLiteral("users %1, rows %2, sum %3, profiles %4, totals %5, events %6, hash %7")
                .arg(users)
                .arg(rows)
                .arg(amountSum)
                .arg(profiles)
                .arg(totalSum)
                .arg(events)
                .arg(newestHash);
        }
    };

    // For initTestCase(): the strings, the same on every run.
    void generateStrings();
    // For the test's init() and cleanup(): a fresh database holding BaseUser and one award to
    // them, skipped (failed under CI) without the backend; Qt Test sees the skip or failure
    // once init() returns.
    void openDatabase();
    void closeDatabase() { m_db.reset(); }
    Snapshot snapshot();
    QString writeFile(const QString &name, const QByteArray &content);

    // What Validation promises for a text field, stated independently of it.
    static bool storableText(const QString &text, int limit, bool required);
    static bool storableEmail(const QString &text);
    // Control characters that make the CSV reader refuse a file as binary (tried separately).
    static bool looksBinary(const QString &text);
    // A string as a CSV file holds it: UTF-8 (a lone surrogate cannot be encoded and becomes
    // U+FFFD), and inside quotes every line end reads back as LF.
    static QString inFile(const QString &text);
    static QString shown(const QString &text);
    // One CSV cell, always quoted, quotes doubled.
    static QByteArray csvCell(const QString &text);
    // The error's message, or nothing: QVERIFY2 builds its message even when the check passes.
    template<typename T>
    static QString why(const Result<T> &result)
    {
        return result ? QString() : result.error().message;
    }

    QStringList m_strings;
    std::unique_ptr<Database> m_db;
    QTemporaryDir m_dir;
    Snapshot m_state;
};
