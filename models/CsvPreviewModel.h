#pragma once

#include "core/csv/CsvPreview.h"
#include "core/csv/CsvTable.h"

#include <QAbstractTableModel>
#include <QHash>

// The first rows of a file, one column per header name (extra fields get columns of their own),
// the file's line numbers in the vertical header; rows the check found a problem in are tinted,
// with the problem as tool tip.
class CsvPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    // The line of the row, for tests and for finding a problem's row.
    static constexpr int LineRole = Qt::UserRole + 1;

    explicit CsvPreviewModel(QObject *parent = nullptr);

    void setPreview(const CsvPreview &preview);
    void setProblems(const QList<CsvProblem> &problems);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The row that shows a line, -1 when none does.
    int rowOfLine(qint64 line) const;

private:
    CsvPreview m_preview;
    int m_columns = 0;
    QHash<qint64, QString> m_problems; // line -> its problems, one a line
};
