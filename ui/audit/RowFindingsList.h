#pragma once

#include "core/ledger/Verifier.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

// The rows' part of a verification, in the verify panel: how many rows match the audit log,
// every row that differs (row, field, the table's value, the log's, the event), what to do
// about them, and how many rows the log never saw. Double-clicking a row shows its event.
class RowFindingsList final : public QWidget
{
    Q_OBJECT

public:
    // Differences listed at most; the title still counts all of them.
    static constexpr int MaxListed = 1000;
    enum Column { RowColumn, FieldColumn, TableColumn, LogColumn, EventColumn, ColumnCount };

    explicit RowFindingsList(QWidget *parent = nullptr);

    void showReport(const VerifyReport &report);

    QString titleText() const;
    QString unprovableText() const;

signals:
    void showEventRequested(qint64 seq);

private:
    void fillTree(const QList<RowFinding> &findings);

    QLabel *m_title;
    QTreeWidget *m_tree;
    QLabel *m_advice;
    QLabel *m_unprovable;
};
