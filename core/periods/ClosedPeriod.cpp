#include "core/periods/ClosedPeriod.h"

#include <QCoreApplication>

QString ClosedPeriod::kindName(Kind kind)
{
    return kind == Kind::Close ? QStringLiteral("close") : QStringLiteral("reopen");
}

QString ClosedPeriod::who() const
{
    if (operatorName.isEmpty() || operatorName == actor)
        return actor;
    return QStringLiteral("%1 (%2)").arg(actor, operatorName);
}

QString ClosedPeriod::describe() const
{
    const QString when = at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
    if (kind == Kind::Reopen)
        return QCoreApplication::translate("ClosedPeriod",
                                           "the period closed up to %1 (reopened after that day by %2 on %3)")
            .arg(day.toString(Qt::ISODate), who(), when);
    return QCoreApplication::translate("ClosedPeriod", "the period closed up to %1 by %2 on %3")
        .arg(day.toString(Qt::ISODate), who(), when);
}

QString ClosedPeriod::refusal(const QString &action, const QString &what) const
{
    return QCoreApplication::translate("ClosedPeriod", "Refused to %1: %2. Nothing was changed.")
        .arg(action, inPeriod(what));
}

QString ClosedPeriod::inPeriod(const QString &what) const
{
    return QCoreApplication::translate("ClosedPeriod", "%1 is in %2; an admin may reopen it").arg(what, describe());
}

QByteArray ClosedPeriod::digestLine(const QString &userId, qint64 total)
{
    return userId.toUtf8() + '\t' + QByteArray::number(total) + '\n';
}
