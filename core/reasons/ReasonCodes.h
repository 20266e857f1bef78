#pragma once

#include "core/db/Database.h"
#include "core/domain/ReasonCatalog.h"
#include "core/domain/Result.h"
#include "core/reasons/ReasonTag.h"

#include <QCoreApplication>

#include <optional>

// The reason codes an admin keeps (xpadmin.reason_code), the ticket link pattern
// (xpadmin.reason_setting), and each manual change's code and ticket (xpadmin.xp_reason, keyed by
// the "UserXP" row's id and kept when the row is rolled back, so a restored row has them again).
// Every change of a code or of the pattern is one transaction with one "reason-code" audit event.
// A code is never deleted: retired, it stays for the changes that took it.
class ReasonCodes final
{
    Q_DECLARE_TR_FUNCTIONS(ReasonCodes)

public:
    explicit ReasonCodes(Database &db) : m_db(db) { }

    // Every code (retired ones too), ordered by code, and the pattern.
    Result<ReasonCatalog> catalog();
    // How many transactions ever took each code (rolled-back ones included).
    Result<QHash<QString, qint64>> uses();

    Status add(const QString &code, const QString &label, bool ticketRequired);
    // Relabels a code and/or changes whether it requires a ticket; refused for a retired code.
    Status change(const QString &code, const std::optional<QString> &label, std::optional<bool> ticketRequired);
    Status retire(const QString &code);
    // Empty: ticket ids are shown as plain text.
    Status setTicketPattern(const QString &pattern);

    // An adjustment's code and ticket checked against the codes as they are (ReasonCheck).
    Result<ReasonTag> check(const ReasonTag &given, const QString &codeField, const QString &ticketField);
    // The same, in place, with the fields named "reason code" and "ticket".
    Status checkAdjustment(ReasonTag &tag);
    // The code and ticket recorded for the "UserXP" row xpId (empty when none).
    Result<ReasonTag> tagOf(const QString &xpId);
    // Records the code and ticket of the "UserXP" row xpId; nothing for an empty tag. In the
    // caller's transaction.
    Status record(const QString &xpId, const ReasonTag &tag);
    // The same as a statement, for a writer that sends it with others: its values named :xp,
    // :code and :ticket.
    static QString recordSql(const Dialect &dialect);
    static Bindings recordBindings(const QString &xpId, const ReasonTag &tag);

private:
    Result<std::optional<ReasonCode>> find(const QString &code);
    Status audit(const QString &reason, const QJsonObject &snapshot);

    Database &m_db;
};
