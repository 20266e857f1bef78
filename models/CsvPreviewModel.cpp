#include "models/CsvPreviewModel.h"

#include "models/CategoryPalette.h"

#include <QGuiApplication>
#include <QPalette>

CsvPreviewModel::CsvPreviewModel(QObject *parent) : QAbstractTableModel(parent) { }

void CsvPreviewModel::setPreview(const CsvPreview &preview)
{
    beginResetModel();
    m_preview = preview;
    m_columns = int(m_preview.header.size());
    for (const CsvRecord &record : std::as_const(m_preview.rows))
        m_columns = std::max(m_columns, int(record.fields.size()));
    endResetModel();
}

void CsvPreviewModel::setProblems(const QList<CsvProblem> &problems)
{
    m_problems.clear();
    for (const CsvProblem &problem : problems) {
        QString &text = m_problems[problem.line];
        if (!text.isEmpty())
            text += QLatin1Char('\n');
        text += problem.message;
    }
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::BackgroundRole, Qt::ForegroundRole, Qt::ToolTipRole});
    if (rowCount() > 0)
        emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
}

void CsvPreviewModel::clear()
{
    setPreview({});
    m_problems.clear();
}

int CsvPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_preview.rows.size());
}

int CsvPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant CsvPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_preview.rows.size())
        return {};
    const CsvRecord &record = m_preview.rows.at(index.row());
    const auto problem = m_problems.constFind(record.line);
    switch (role) {
    case Qt::DisplayRole: {
        if (index.column() >= record.fields.size())
            return {};
        // One line per cell: a quoted line break shows as a symbol.
        QString text = record.fields.at(index.column());
        return text.replace(QLatin1Char('\n'), QChar(0x21B5));
    }
    case Qt::ToolTipRole:
        if (problem != m_problems.constEnd())
            return *problem;
        return index.column() < record.fields.size() ? record.fields.at(index.column()) : QVariant();
    case Qt::BackgroundRole:
        if (problem != m_problems.constEnd())
            return CategoryPalette::isDark(QGuiApplication::palette()) ? QColor(0x5a, 0x24, 0x20)
                                                                       : QColor(0xfd, 0xe2, 0xdf);
        return {};
    case LineRole:
        return record.line;
    default:
        return {};
    }
}

QVariant CsvPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= m_preview.rows.size())
            return {};
        const qint64 line = m_preview.rows.at(section).line;
        if (role == Qt::DisplayRole)
            return line;
        if (role == Qt::ToolTipRole)
            return m_problems.contains(line) ? tr("Line %1: %2").arg(line).arg(m_problems.value(line))
                                             : tr("Line %1 of the file").arg(line);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    return section < m_preview.header.size() ? m_preview.header.at(section) : tr("(extra field)");
}

int CsvPreviewModel::rowOfLine(qint64 line) const
{
    for (int row = 0; row < m_preview.rows.size(); ++row) {
        if (m_preview.rows.at(row).line == line)
            return row;
    }
    return -1;
}
