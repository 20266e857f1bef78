#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/Standby.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QString>

#include <memory>
#include <optional>

class CliOutput;
class Database;

// The standby named by --read-db: where history, totals, reports, user searches and verify read
// while every write goes to the ledger's database. Checked when opened (a standby, of that
// ledger); figures read on it say "as of" the time it has replayed up to.
class CliStandby final
{
    Q_DECLARE_TR_FUNCTIONS(CliStandby)

public:
    CliStandby(CliOutput &out, QString text, QString operatorName);
    ~CliStandby();
    CliStandby(const CliStandby &) = delete;
    CliStandby &operator=(const CliStandby &) = delete;

    bool isSet() const { return !m_text.isEmpty(); }

    // The standby's connection, checked against primary; null when it cannot be reached (the
    // reading then goes to primary, with a note). Refuses a server that is not a standby of
    // primary's ledger.
    Result<Database *> open(Database &primary);
    // Where the command read: the standby's replay when it read there, else nothing.
    const std::optional<Standby::Replay> &replay() const { return m_replay; }

    // Text output: one line before the figures when they lag behind the primary; else nothing.
    void printAsOf();
    // JSON output with --read-db: the command's result inside an object that says where it was
    // read and as of when. Without --read-db the result stays as it is.
    QString jsonPrefix() const;
    QString jsonSuffix() const { return isSet() ? QStringLiteral("}") : QString(); }
    QJsonValue wrap(const QJsonValue &result) const;

    // After a write: waits briefly until the standby shows it, so that the next reading through
    // --read-db sees it; says so when the standby is further behind.
    void settleAfterWrite(Database &primary);

private:
    QJsonObject source() const;

    CliOutput &m_out;
    QString m_text;
    QString m_operator;
    std::unique_ptr<Database> m_db;
    std::optional<Standby::Replay> m_replay;
    bool m_unreachable = false;
};
