#include "app/cli/CliFormat.h"

#include "app/cli/TerminalText.h"
#include "core/domain/Timestamp.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

namespace CliFormat {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CliFormat", text);
}

// A line per transaction: a line break inside a description must not start a new one.
QString singleLine(QString text)
{
    return text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('\n'), QStringLiteral("\\n"))
        .replace(QLatin1Char('\r'), QStringLiteral("\\r"))
        .replace(QLatin1Char('\t'), QStringLiteral("\\t"));
}

} // namespace

QString signedAmount(qint64 amount)
{
    return amount > 0 ? QLatin1Char('+') + QString::number(amount) : QString::number(amount);
}

QString transactionLine(const XpTransaction &row)
{
    // Concatenated, not chained arg(): a "%1" typed into a description must stay as it is.
    const QString gap = QStringLiteral("  ");
    return Timestamp::toIso(row.createdAt) + gap + signedAmount(row.amount).rightJustified(7) + gap
        + XpEnums::name(row.sourceType).leftJustified(20) + gap + singleLine(row.sourceId) + gap
        + XpEnums::name(row.category).leftJustified(14) + gap + singleLine(row.userId) + gap + singleLine(row.id) + gap
        + singleLine(row.description);
}

QJsonObject changeJson(const QString &action, const LedgerChange &change)
{
    QJsonArray rows;
    for (const XpTransaction &row : change.rows)
        rows.append(row.toJson());
    QJsonObject totals;
    for (auto it = change.totals.cbegin(); it != change.totals.cend(); ++it)
        totals.insert(it.key(), it.value());
    return QJsonObject{{QStringLiteral("action"), action},
                       {QStringLiteral("operationId"), change.operationId},
                       {QStringLiteral("transactions"), rows},
                       {QStringLiteral("totals"), totals}};
}

QString changeText(const QString &headline, const LedgerChange &change)
{
    QString text = headline + QLatin1Char('\n');
    for (const XpTransaction &row : change.rows)
        text += QStringLiteral("  ") + transactionLine(row) + QLatin1Char('\n');
    QStringList users = change.totals.keys();
    std::sort(users.begin(), users.end());
    for (const QString &user : std::as_const(users))
        text += tr("Total XP of user %1 is now %2").arg(user, QString::number(change.totals.value(user)))
            + QLatin1Char('\n');
    return text;
}

QJsonObject driftJson(const Drift &drift)
{
    return QJsonObject{{QStringLiteral("userId"), drift.userId},
                       {QStringLiteral("cached"), drift.cached},
                       {QStringLiteral("sum"), drift.sum}};
}

QString table(const QList<QStringList> &cellTexts, const QList<bool> &rightAligned)
{
    // Escaped before measuring, so that columns line up as they are shown.
    QList<QStringList> rows;
    rows.reserve(cellTexts.size());
    for (const QStringList &row : cellTexts) {
        QStringList cells;
        cells.reserve(row.size());
        for (const QString &cell : row)
            cells << TerminalText::visibleLine(cell);
        rows << cells;
    }
    QList<qsizetype> widths(rightAligned.size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype column = 0; column < row.size() && column < widths.size(); ++column)
            widths[column] = std::max(widths[column], row.at(column).size());
    }
    QString text;
    for (const QStringList &row : std::as_const(rows)) {
        QStringList cells;
        for (qsizetype column = 0; column < row.size() && column < widths.size(); ++column) {
            const bool last = column == row.size() - 1;
            cells << (rightAligned.at(column) ? row.at(column).rightJustified(widths.at(column))
                          : last              ? row.at(column)
                                              : row.at(column).leftJustified(widths.at(column)));
        }
        text += cells.join(QStringLiteral("  ")) + QLatin1Char('\n');
    }
    return text;
}

} // namespace CliFormat
