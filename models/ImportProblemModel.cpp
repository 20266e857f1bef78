#include "models/ImportProblemModel.h"

namespace {

// The message without its "line 12: " prefix, which the Line column already shows.
QString withoutLinePrefix(const QString &message, qint64 line)
{
    const QString prefix = QStringLiteral("line %1: ").arg(line);
    return message.startsWith(prefix, Qt::CaseInsensitive) ? message.mid(prefix.size()) : message;
}

} // namespace

ImportProblemModel::ImportProblemModel(QObject *parent) : QAbstractTableModel(parent) { }

void ImportProblemModel::setProblems(const QList<CsvProblem> &problems)
{
    beginResetModel();
    m_problems = problems;
    endResetModel();
}

int ImportProblemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_problems.size());
}

int ImportProblemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportProblemModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_problems.size())
        return {};
    const CsvProblem &problem = m_problems.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Line)
            return problem.line > 0 ? QVariant(problem.line) : QVariant(QStringLiteral("—"));
        return withoutLinePrefix(problem.message, problem.line);
    case Qt::ToolTipRole:
        return problem.message;
    case Qt::TextAlignmentRole:
        return index.column() == Line ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case RawValueRole:
        return index.column() == Line ? QVariant(problem.line) : QVariant(problem.message);
    default:
        return {};
    }
}

QVariant ImportProblemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Line:
        return tr("Line");
    case Problem:
        return tr("Problem");
    default:
        return {};
    }
}
