#pragma once

#include "core/csv/CsvTable.h"

#include <QAbstractTableModel>

// Every problem an import check found: the line of the file and what is wrong with it.
class ImportProblemModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Line, Problem, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1;

    explicit ImportProblemModel(QObject *parent = nullptr);

    void setProblems(const QList<CsvProblem> &problems);
    const QList<CsvProblem> &problems() const { return m_problems; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<CsvProblem> m_problems;
};
