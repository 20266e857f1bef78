#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

class Database;

// The newest audit event at one moment, written to a file kept away from the database (a
// ticket, a mail to the auditor, a write-once share). The hash chain alone shows an edited or
// removed event only while a later event still refers to it; an anchor also shows the newest
// events removed, because the event it names must still be there with the same hash.
struct AuditAnchor
{
    Q_DECLARE_TR_FUNCTIONS(AuditAnchor)

public:
    static constexpr int FormatVersion = 1;

    qint64 seq = 0; // the newest event when taken; 0: the log was empty
    QString hash; // that event's hash (the genesis hash for an empty log)
    QDateTime eventAt; // that event's time, UTC
    QString chainId; // the hash of event 1: which ledger this is, whatever its address
    QString database; // where it was taken, for people (never a password)
    QDateTime takenAt; // UTC
    QString takenBy; // the database login or operating-system user

    // The newest event of db's audit log, now.
    static Result<AuditAnchor> take(Database &db);

    // The anchor as a small JSON document, and back; fileName only names the file in errors.
    QByteArray toJson() const;
    static Result<AuditAnchor> fromJson(const QByteArray &json, const QString &fileName);
    // Written whole or not at all.
    Status save(const QString &fileName) const;
    static Result<AuditAnchor> load(const QString &fileName);
};

// What the log says about an anchor: still there with the same hash, or what is missing.
struct AnchorCheck
{
    qint64 anchoredSeq = 0;
    qint64 newestSeq = 0; // the newest event now; 0: the log is empty
    std::optional<qint64> brokenSeq; // the first event that is missing or differs
    QString problem; // empty when the anchor holds

    bool ok() const { return problem.isEmpty(); }
    // One line for a person: what holds, or what is wrong.
    QString summary() const;
};

// Compares an anchor with the log. Together with the hash chain check (Verifier), an anchor
// that holds proves every event up to it is unchanged and none of them was removed.
class AuditAnchorCheck final
{
public:
    explicit AuditAnchorCheck(Database &db) : m_db(db) { }

    Result<AnchorCheck> check(const AuditAnchor &anchor);

private:
    Database &m_db;
};
