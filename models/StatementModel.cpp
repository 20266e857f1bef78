#include "models/StatementModel.h"

#include "models/XpFormat.h"

#include <QColor>
#include <QFont>

StatementModel::StatementModel(QObject *parent) : QAbstractTableModel(parent) { }

void StatementModel::setStatement(const Statement &statement)
{
    beginResetModel();
    m_statement = statement;
    endResetModel();
}

QString StatementModel::what(const StatementEntry &entry)
{
    // A change captured in the database, made outside XP Admin.
    if (entry.action == QLatin1StringView("db-insert"))
        return tr("Added in the database");
    if (entry.action == QLatin1StringView("db-delete"))
        return tr("Deleted in the database");
    if (entry.action == QLatin1StringView("db-update-before"))
        return tr("Changed in the database (was)");
    if (entry.action == QLatin1StringView("db-update"))
        return tr("Changed in the database (now)");
    switch (entry.kind) {
    case StatementEntry::Kind::Added:
        if (entry.action == QLatin1StringView("award"))
            return tr("Awarded");
        if (entry.action == QLatin1StringView("import-legacy"))
            return tr("Migrated");
        return tr("Adjusted");
    case StatementEntry::Kind::External:
        return tr("Earned in the app");
    case StatementEntry::Kind::Removed:
        return entry.action == QLatin1StringView("rollback") ? tr("Rolled back") : tr("Removed with its source");
    case StatementEntry::Kind::Restored:
        return tr("Restored");
    }
    return {};
}

QString StatementModel::kind(const XpTransaction &row)
{
    return tr("%1 · %2").arg(XpEnums::label(row.category), XpEnums::label(row.sourceType));
}

QString StatementModel::byWhom(const StatementEntry &entry)
{
    if (entry.kind == StatementEntry::Kind::External)
        return tr("The web app");
    if (entry.action.startsWith(QLatin1StringView("db-")))
        return entry.operatorName.isEmpty() ? tr("Database role %1").arg(entry.actor)
                                            : tr("Database role %1 (%2)").arg(entry.actor, entry.operatorName);
    return entry.operatorName.isEmpty() ? entry.actor : entry.operatorName;
}

QString StatementModel::reason(const StatementEntry &entry)
{
    // An award's reason is its description; an adjustment's description is the reason typed,
    // which is still the answer to "why".
    const bool award = entry.kind == StatementEntry::Kind::Added && entry.action == QLatin1StringView("award");
    return award && entry.reason == entry.row.description ? QString() : entry.reason;
}

int StatementModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_statement.entries.size());
}

int StatementModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatementModel::display(const StatementEntry &entry, int column) const
{
    switch (column) {
    case Date:
        return XpFormat::localTime(entry.at);
    case What:
        return entry.removedLater ? tr("%1 (removed later)").arg(what(entry)) : what(entry);
    case Transaction:
        return entry.row.description.isEmpty() ? XpFormat::source(entry.row.sourceType, entry.row.sourceId)
                                               : entry.row.description;
    case Kind:
        return kind(entry.row);
    case Change:
        return XpFormat::signedAmount(entry.change);
    case Balance:
        return XpFormat::total(entry.balance);
    case By:
        return byWhom(entry);
    case Reason:
        return reason(entry);
    }
    return {};
}

QVariant StatementModel::raw(const StatementEntry &entry, int column) const
{
    switch (column) {
    case Date:
        return entry.at;
    case Change:
        return entry.change;
    case Balance:
        return entry.balance;
    default:
        return display(entry, column);
    }
}

QString StatementModel::toolTip(const StatementEntry &entry) const
{
    // The whole of what the narrow columns may cut short, then the details.
    QString tip;
    if (!entry.row.description.isEmpty())
        tip += entry.row.description + QLatin1Char('\n');
    if (const QString why = reason(entry); !why.isEmpty())
        tip += tr("Why: %1").arg(why) + QLatin1Char('\n');
    tip += tr("%1\nSource: %2\nTransaction id: %3")
               .arg(XpFormat::utcTime(entry.at), XpFormat::source(entry.row.sourceType, entry.row.sourceId),
                    entry.row.id);
    if (entry.removedLater)
        tip += QLatin1Char('\n') + tr("Removed again later in this period: see the row that removes it.");
    if (entry.kind == StatementEntry::Kind::External)
        tip += QLatin1Char('\n') + tr("Written by the web app, not through XP Admin: placed by its creation time.");
    return tip;
}

QVariant StatementModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const StatementEntry &entry = m_statement.entries.at(index.row());
    const bool removed = entry.kind == StatementEntry::Kind::Removed;
    switch (role) {
    case Qt::DisplayRole:
        return display(entry, index.column());
    case RawValueRole:
        return raw(entry, index.column());
    case Qt::ToolTipRole:
        return toolTip(entry);
    case Qt::TextAlignmentRole:
        if (index.column() == Change || index.column() == Balance)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (removed || entry.removedLater) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        // A muted red: the row no longer counts, but stays readable.
        if (removed)
            return QColor(0xa0, 0x4a, 0x4a);
        if (index.column() == Change)
            return XpFormat::amountColor(entry.change);
        return {};
    }
    return {};
}

QVariant StatementModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Date:
        return tr("Date");
    case What:
        return tr("What");
    case Transaction:
        return tr("Transaction");
    case Kind:
        return tr("Category · source");
    case Change:
        return tr("Change");
    case Balance:
        return tr("Balance");
    case By:
        return tr("By");
    case Reason:
        return tr("Why");
    }
    return {};
}
