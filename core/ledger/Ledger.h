#pragma once

#include "core/db/Database.h"
#include "core/domain/Result.h"
#include "core/domain/XpTransaction.h"
#include "core/limits/HoldReason.h"
#include "core/reasons/ReasonTag.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

struct AwardRequest
{
    QString userId;
    qint64 amount = 0;
    SourceType sourceType = SourceType::UserProblemAttempt;
    QString sourceId;
    QString description;
    Category category = Category::CorrectAnswer;
    ReasonTag reasonTag{}; // a manual adjustment's reason code and ticket (core/reasons)
};

// What one ledger operation did: the rows it added, removed or restored, and every affected
// user's new total.
struct LedgerChange
{
    QString operationId;
    QList<XpTransaction> rows;
    QHash<QString, qint64> totals; // userId -> totalXP after the change
    // An adjustment above the approval threshold or a limit is not applied but held for a second
    // person (core/approval): then rows and totals are empty and this is the pending request's id.
    QString pendingId;
    std::optional<HoldReason> heldFor; // with pendingId: why it was held
};

struct Drift
{
    QString userId;
    qint64 cached = 0; // "UserProfile"."totalXP" (0 when the profile is missing)
    qint64 sum = 0; // SUM("UserXP"."amount")
};

struct RecalcSummary
{
    qint64 users = 0; // users with transactions
    QList<Drift> fixed; // totals that were wrong and have been set from SUM
};

// The XP ledger's operations. Each one is a single database transaction that locks the users
// it touches (in sorted order), changes "UserXP", recalculates "UserProfile"."totalXP" from SUM
// (creating the profile when missing), appends hash-chained audit events with full snapshots,
// and commits; or fails and leaves nothing. Input is checked first, and errors name the field.
class Ledger final
{
    Q_DECLARE_TR_FUNCTIONS(Ledger)

public:
    explicit Ledger(Database &db) : m_db(db) { }

    // One transaction. A MANUAL_ADJUSTMENT above the approval threshold or a limit is held as a
    // pending request instead, as adjust() holds it (see pendingId).
    Result<LedgerChange> award(const AwardRequest &request);
    // The transaction of a request already approved (core/approval): no threshold.
    Result<LedgerChange> apply(const AwardRequest &request);
    // A manual adjustment: MANUAL_ADJUSTMENT / MANUAL (or another category), reason required,
    // and a reason code and ticket as ReasonCheck requires them (a manual award() too).
    // Above the approval threshold, or above a limit of the person (per change, or what they
    // moved today), it is held as a pending request instead (see pendingId).
    Result<LedgerChange> adjust(const QString &userId, qint64 amount, const QString &reason,
                                Category category = Category::Manual, const ReasonTag &tag = {});
    // Deletes the given transactions (rollback); the audit log keeps each full row.
    Result<LedgerChange> rollback(const QStringList &ids, const QString &reason);
    // Deletes every transaction of one source, across users.
    Result<LedgerChange> deleteSource(SourceType type, const QString &sourceId, const QString &reason);
    // Puts rolled-back transactions back, with their ids, from their audit snapshots.
    Result<LedgerChange> restore(const QStringList &ids, const QString &reason);

    // Sets one user's total from SUM; returns it. Audited when it changed.
    Result<qint64> recalculate(const QString &userId);
    enum class AuditEach { User, Nothing };
    // Sets every total from SUM in set-based statements; audited per changed user, with the
    // given action ("recalc", or "repair" from verify). A bulk writer that audits its whole
    // batch itself (demo data) passes AuditEach::Nothing.
    Result<RecalcSummary> recalculateAll(const QString &action = QStringLiteral("recalc"),
                                         AuditEach audit = AuditEach::User);
    // Every user whose cached total differs from SUM (read only).
    Result<QList<Drift>> findDrift();

    // PostgreSQL: the statement that takes one user's lock until the transaction ends (an
    // advisory lock on the user id). Every operation takes it before it changes the user's rows.
    static BoundStatement userLock(const QString &userId);

private:
    // Holds request as a pending adjustment when above the approval threshold or a limit of the
    // connected person (core/limits), else applies it. A manual change's reason code and ticket
    // are checked first (ReasonCodes::checkAdjustment).
    Result<LedgerChange> holdOrApply(AwardRequest request, const QString &reason);
    Result<LedgerChange> removeRows(const QString &action, const QString &reason,
                                    const std::function<Result<QList<XpTransaction>>()> &select);
    // Whether lockUsers() reads "User" to refuse unknown ids, or the caller's rows reference
    // the users already (the foreign key of "UserXP" keeps them while their rows are there).
    enum class UsersAre { ToBeChecked, ReferencedByRows };
    Status lockUsers(QStringList userIds, UsersAre users = UsersAre::ToBeChecked);
    // The rows of these ids that are in the ledger, by id, in as few statements as it takes.
    Result<QHash<QString, XpTransaction>> findRows(const QStringList &ids);

    Database &m_db;
};
