#pragma once

#include "core/audit/AuditEvent.h"

#include <QList>
#include <QObject>
#include <QStringList>

class HistoryModel;
class LedgerSession;
class NewRowsBar;
class QTableView;

// Keeps the history honest while others write to the ledger, without moving it: when the ledger
// changed, counts the rows the filter finds beyond the newest one shown (one capped count on
// the interactive worker) and says so in a bar above the list; rows shown that were removed
// meanwhile are struck through. The list, its scroll position and its selection stay as they
// are until the person clicks Show Them, which reads the history again and selects the same
// rows where they still exist.
class HistoryLive final : public QObject
{
    Q_OBJECT

public:
    // Counted exactly up to this many; beyond, "more than 1,000".
    static constexpr int Cap = 1000;

    HistoryLive(LedgerSession *session, HistoryModel *model, QTableView *table, QWidget *barParent);

    NewRowsBar *bar() const { return m_bar; }
    // The ledger changed somewhere: count what is new (a count on its way makes one more).
    void ledgerChanged();
    // Audit events written since the last call: marks the rows they removed (or restored).
    void noteEvents(const QList<AuditEvent> &events);
    // Shows the new rows: reads the history again (newest first) or reads on below the last row
    // (oldest first), keeping the selected rows selected.
    void showNew();

    // Above Cap: more than Cap.
    qint64 newCount() const { return m_newCount; }
    bool isCounting() const { return m_counting; }

signals:
    // The counts shown in the bar changed.
    void countsChanged();

private:
    void count();
    void updateBar();
    void restoreSelection();

    LedgerSession *m_session;
    HistoryModel *m_model;
    QTableView *m_table;
    NewRowsBar *m_bar;
    qint64 m_newCount = 0;
    bool m_watching = false; // the ledger has changed since the window opened it
    bool m_counting = false;
    bool m_countAgain = false;
    QStringList m_keepSelected; // selected before Show Them, selected again after
    QString m_keepCurrent;
};
