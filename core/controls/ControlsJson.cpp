#include "core/controls/ControlsJson.h"

#include "core/controls/ControlsReport.h"
#include "core/domain/Timestamp.h"

#include <QJsonArray>

namespace ControlsJson {
namespace {

QJsonValue time(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(Timestamp::toIso(at)) : QJsonValue();
}

QJsonValue text(const QString &value)
{
    return value.isEmpty() ? QJsonValue() : QJsonValue(value);
}

} // namespace

QJsonObject of(const ControlsReportData &report)
{
    QJsonArray held;
    for (const PendingAdjustment &p : report.held)
        held.append(QJsonObject{{QStringLiteral("requestId"), p.id},
                                {QStringLiteral("requestedAt"), time(p.requestedAt)},
                                {QStringLiteral("requestedBy"), report.maker(p)},
                                {QStringLiteral("userId"), p.userId},
                                {QStringLiteral("userName"), text(p.userName.isEmpty() ? p.userEmail : p.userName)},
                                {QStringLiteral("amount"), p.amount},
                                {QStringLiteral("heldFor"), HoldReasons::key(p.heldFor)},
                                {QStringLiteral("reason"), p.reason},
                                {QStringLiteral("reasonCode"), text(p.reasonTag.code)},
                                {QStringLiteral("ticket"), text(p.reasonTag.ticket)},
                                {QStringLiteral("state"), PendingAdjustment::stateName(p.state)},
                                {QStringLiteral("decidedBy"), text(report.decider(p))},
                                {QStringLiteral("decidedAt"), time(p.decidedAt)},
                                {QStringLiteral("decisionReason"), text(p.decisionReason)},
                                {QStringLiteral("xpId"), text(p.xpId)}});
    QJsonArray periods;
    for (const ClosedPeriod &p : report.periods)
        periods.append(QJsonObject{{QStringLiteral("kind"), ClosedPeriod::kindName(p.kind)},
                                   {QStringLiteral("until"), p.day.toString(Qt::ISODate)},
                                   {QStringLiteral("boundary"), time(p.boundary)},
                                   {QStringLiteral("at"), time(p.at)},
                                   {QStringLiteral("by"), p.actor},
                                   {QStringLiteral("operator"), text(p.operatorName)},
                                   {QStringLiteral("reason"), p.reason},
                                   {QStringLiteral("users"), p.users},
                                   {QStringLiteral("sum"), p.sum},
                                   {QStringLiteral("auditSeq"), p.auditSeq}});
    QJsonArray unticketed;
    for (const UnticketedChange &c : report.unticketed)
        unticketed.append(QJsonObject{{QStringLiteral("at"), time(c.at)},
                                      {QStringLiteral("xpId"), c.xpId},
                                      {QStringLiteral("userId"), c.userId},
                                      {QStringLiteral("userName"), text(c.userName)},
                                      {QStringLiteral("amount"), c.amount},
                                      {QStringLiteral("person"), c.person},
                                      {QStringLiteral("reasonCode"), c.code},
                                      {QStringLiteral("reasonLabel"), c.label},
                                      {QStringLiteral("reason"), c.reason}});
    QJsonArray people;
    for (const PersonActivity &a : report.people)
        people.append(QJsonObject{{QStringLiteral("person"), a.person},
                                  {QStringLiteral("changes"), a.changes},
                                  {QStringLiteral("given"), a.given},
                                  {QStringLiteral("taken"), a.taken},
                                  {QStringLiteral("held"), a.held},
                                  {QStringLiteral("approved"), a.approved},
                                  {QStringLiteral("rejected"), a.rejected},
                                  {QStringLiteral("waiting"), a.waiting}});
    QJsonArray reasons;
    for (const ReasonActivity &a : report.reasons)
        reasons.append(QJsonObject{{QStringLiteral("reasonCode"), text(a.code)},
                                   {QStringLiteral("reasonLabel"), text(a.label)},
                                   {QStringLiteral("changes"), a.changes},
                                   {QStringLiteral("given"), a.given},
                                   {QStringLiteral("taken"), a.taken},
                                   {QStringLiteral("withoutTicket"), a.withoutTicket}});
    return {{QStringLiteral("since"), time(report.since)},
            {QStringLiteral("until"), time(report.until)},
            {QStringLiteral("generatedAt"), time(report.generatedAt)},
            {QStringLiteral("generatedBy"), report.generatedBy},
            {QStringLiteral("database"), report.database},
            {QStringLiteral("held"), held},
            {QStringLiteral("periods"), periods},
            {QStringLiteral("unticketed"), unticketed},
            {QStringLiteral("people"), people},
            {QStringLiteral("reasonCodes"), reasons}};
}

} // namespace ControlsJson
