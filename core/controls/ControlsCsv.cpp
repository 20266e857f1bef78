#include "core/controls/ControlsCsv.h"

#include "core/controls/ControlsReport.h"
#include "core/csv/CsvWriter.h"
#include "core/domain/Timestamp.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace ControlsCsv {
namespace {

enum Column {
    Section,
    At,
    Person,
    UserId,
    UserName,
    Amount,
    Rule,
    State,
    DecidedBy,
    DecidedAt,
    Reason,
    DecisionReason,
    Code,
    Ticket,
    XpId,
    RequestId,
    Until,
    Users,
    Sum,
    Changes,
    Given,
    Taken,
    Held,
    Approved,
    Rejected,
    Waiting,
    WithoutTicket,
    ColumnCount
};

QString time(const QDateTime &at)
{
    return at.isValid() ? Timestamp::toIso(at) : QString();
}

} // namespace

QStringList columns()
{
    return {QStringLiteral("section"),       QStringLiteral("at_utc"),
            QStringLiteral("person"),        QStringLiteral("user_id"),
            QStringLiteral("user_name"),     QStringLiteral("amount"),
            QStringLiteral("rule"),          QStringLiteral("state"),
            QStringLiteral("decided_by"),    QStringLiteral("decided_at_utc"),
            QStringLiteral("reason"),        QStringLiteral("decision_reason"),
            QStringLiteral("reason_code"),   QStringLiteral("ticket"),
            QStringLiteral("xp_id"),         QStringLiteral("request_id"),
            QStringLiteral("until"),         QStringLiteral("users"),
            QStringLiteral("sum"),           QStringLiteral("changes"),
            QStringLiteral("given"),         QStringLiteral("taken"),
            QStringLiteral("held"),          QStringLiteral("approved"),
            QStringLiteral("rejected"),      QStringLiteral("waiting"),
            QStringLiteral("without_ticket")};
}

Status write(const ControlsReportData &report, const QString &fileName, const CsvFormat &format)
{
    QSaveFile file(fileName);
    const auto failed = [&] {
        return Error::input(
            QCoreApplication::translate("ControlsCsv", "Cannot write %1: %2").arg(fileName, file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    CsvWriter csv(&file, format);
    bool ok = csv.writeHeader(columns());
    const auto row = [&](const QString &section, std::initializer_list<std::pair<Column, QVariant>> cells) {
        QVariantList values(ColumnCount, QString());
        values[Section] = section;
        for (const auto &[column, value] : cells)
            values[column] = value;
        ok = ok && csv.writeRow(values);
    };
    for (const PendingAdjustment &p : report.held)
        row(QStringLiteral("held"),
            {{At, time(p.requestedAt)},
             {Person, report.maker(p)},
             {UserId, p.userId},
             {UserName, p.userName.isEmpty() ? p.userEmail : p.userName},
             {Amount, p.amount},
             {Rule, HoldReasons::key(p.heldFor)},
             {State, PendingAdjustment::stateName(p.state)},
             {DecidedBy, report.decider(p)},
             {DecidedAt, time(p.decidedAt)},
             {Reason, p.reason},
             {DecisionReason, p.decisionReason},
             {Code, p.reasonTag.code},
             {Ticket, p.reasonTag.ticket},
             {XpId, p.xpId},
             {RequestId, p.id}});
    for (const ClosedPeriod &p : report.periods)
        row(QStringLiteral("period"),
            {{At, time(p.at)},
             {Person, p.actor},
             {Rule, ClosedPeriod::kindName(p.kind)},
             {Reason, p.reason},
             {Until, p.day.toString(Qt::ISODate)},
             {Users, p.users},
             {Sum, p.sum}});
    for (const UnticketedChange &c : report.unticketed)
        row(QStringLiteral("unticketed"),
            {{At, time(c.at)},
             {Person, c.person},
             {UserId, c.userId},
             {UserName, c.userName},
             {Amount, c.amount},
             {Reason, c.reason},
             {Code, c.code},
             {XpId, c.xpId}});
    for (const PersonActivity &a : report.people)
        row(QStringLiteral("person"),
            {{Person, a.person},
             {Changes, a.changes},
             {Given, a.given},
             {Taken, a.taken},
             {Held, a.held},
             {Approved, a.approved},
             {Rejected, a.rejected},
             {Waiting, a.waiting}});
    for (const ReasonActivity &a : report.reasons)
        row(QStringLiteral("reason-code"),
            {{Code, a.code},
             {Reason, a.label},
             {Changes, a.changes},
             {Given, a.given},
             {Taken, a.taken},
             {WithoutTicket, a.withoutTicket}});
    if (!ok || !file.commit())
        return failed();
    return {};
}

} // namespace ControlsCsv
