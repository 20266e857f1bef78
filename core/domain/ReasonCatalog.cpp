#include "core/domain/ReasonCatalog.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

#include <algorithm>

const ReasonCode *ReasonCatalog::find(const QString &code) const
{
    for (const ReasonCode &known : codes) {
        if (known.code == code)
            return &known;
    }
    return nullptr;
}

QString ReasonCatalog::label(const QString &code) const
{
    const ReasonCode *known = find(code);
    return known ? known->label : code;
}

QString ReasonCatalog::labelWithCode(const QString &code) const
{
    if (code.isEmpty())
        return {};
    const ReasonCode *known = find(code);
    return known ? QStringLiteral("%1 (%2)").arg(known->label, code) : code;
}

bool ReasonCatalog::hasActiveCodes() const
{
    return std::any_of(codes.cbegin(), codes.cend(), [](const ReasonCode &code) { return !code.retired; });
}

QList<ReasonCode> ReasonCatalog::activeCodes() const
{
    QList<ReasonCode> active;
    for (const ReasonCode &code : codes) {
        if (!code.retired)
            active << code;
    }
    return active;
}

bool ReasonCatalog::isUrl(const QString &ticket)
{
    return ticket.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
        || ticket.startsWith(QLatin1String("http://"), Qt::CaseInsensitive);
}

QString ReasonCatalog::ticketLink(const QString &ticket) const
{
    if (ticket.isEmpty())
        return {};
    if (isUrl(ticket))
        return ticket;
    if (ticketPattern.isEmpty())
        return {};
    QString link = ticketPattern;
    return link.replace(idPlaceholder(), QString::fromLatin1(QUrl::toPercentEncoding(ticket)));
}

QString ReasonCatalog::describe(const QString &code, const QString &ticket) const
{
    QStringList parts;
    if (!code.isEmpty())
        parts << labelWithCode(code);
    if (!ticket.isEmpty()) {
        const QString link = ticketLink(ticket);
        parts << (link.isEmpty() || link == ticket
                      ? QCoreApplication::translate("ReasonCatalog", "ticket %1").arg(ticket)
                      : QCoreApplication::translate("ReasonCatalog", "ticket %1 <%2>").arg(ticket, link));
    }
    return parts.join(QStringLiteral(", "));
}

std::pair<QString, QString> ReasonCatalog::fromSnapshot(const QString &snapshot)
{
    // Most events have neither: those are not parsed.
    if (!snapshot.contains(QLatin1String("\"reasonCode\"")) && !snapshot.contains(QLatin1String("\"ticket\"")))
        return {};
    const QJsonObject json = QJsonDocument::fromJson(snapshot.toUtf8()).object();
    return {json.value(QStringLiteral("reasonCode")).toString(), json.value(QStringLiteral("ticket")).toString()};
}
