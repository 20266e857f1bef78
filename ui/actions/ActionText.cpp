#include "ui/actions/ActionText.h"

#include "core/domain/Validation.h"
#include "models/XpFormat.h"

#include <QCoreApplication>

#include <algorithm>

namespace ActionText {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ActionText", text, disambiguation, n);
}

} // namespace

QString transactions(qint64 count)
{
    return tr("%Ln transaction(s)", nullptr, static_cast<int>(count));
}

QString failure(const QString &what, const Error &error)
{
    // Only a connection lost while committing leaves the outcome open (its text says so); every
    // other failure rolled its transaction back.
    const bool uncertain = error.kind == Error::Kind::Uncertain;
    const bool saysSo = error.message.contains(QLatin1String("nothing was changed"), Qt::CaseInsensitive);
    if (uncertain || saysSo)
        return tr("%1: %2").arg(what, error.message);
    return tr("%1: %2\nNothing was changed.").arg(what, error.message);
}

QString totals(const LedgerChange &change)
{
    constexpr int Shown = 3;
    QStringList users = change.totals.keys();
    std::sort(users.begin(), users.end());
    QStringList parts;
    for (const QString &user : std::as_const(users).mid(0, Shown))
        parts << tr("%1 %2").arg(user, XpFormat::total(change.totals.value(user)));
    if (users.size() > Shown)
        parts << tr("and %1 more users").arg(users.size() - Shown);
    return parts.join(QStringLiteral(", "));
}

QString stepReason(const QString &prefix, const QString &reason)
{
    const QString text = prefix + QStringLiteral(": ") + reason;
    return text.left(Validation::MaxReasonLength);
}

QString sentence(QString clause)
{
    if (!clause.isEmpty())
        clause[0] = clause[0].toUpper();
    return clause;
}

} // namespace ActionText
