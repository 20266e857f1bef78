#pragma once

#include "core/audit/AuditAnchor.h"
#include "core/audit/AuditEvent.h"
#include "core/audit/AuditReport.h"
#include "ui/audit/AuditLogActions.h"

#include <QWidget>

class AuditEventDetail;
class AuditFilterBar;
class AuditItemDelegate;
class AuditModel;
class LedgerSession;
class QAction;
class QLabel;
class QSplitter;
class QTableView;
class VerifyResultPanel;
struct AuditFilter;

// The audit log as an auditor reads it: filters (user, action, actor, dates), every event newest
// first in a paged table, the selected event's fields, snapshot and hashes below it, and the two
// checks an auditor runs: Verify (hash chain and cached totals, with a jump to the first broken
// event and a repair of drifted totals) and Export CSV (every event of the filter, every column).
// The checks and exports are AuditLogActions'; the view holds the layout and the selection.
class AuditLogView final : public QWidget
{
    Q_OBJECT

public:
    // session must outlive the view; the view loads the newest events at once.
    explicit AuditLogView(LedgerSession *session, QWidget *parent = nullptr);

    // Shows only this user's events (empty: everyone's), at once.
    void setUserFilter(const QString &userId);
    // Reads the log again from the newest event, and the actions and actors offered as filters.
    void refresh();
    // Checks the hash chain and every cached total off the GUI thread, then shows the result.
    void verify();
    // Asks for an anchor file (xpadmin-cli audit anchor, or Save Anchor), then verifies and also
    // checks that the anchored event is still there with its hash.
    void verifyAgainstAnchor();
    void verifyWithAnchor(const AuditAnchor &anchor);
    // Asks for a file name and writes the newest event's seq and hash to it.
    void saveAnchor();
    // Asks for a user, a period and a file, then writes the audit report (PDF or CSV) with
    // progress and cancel.
    void auditReport();
    void writeReport(const AuditReportRequest &request, const QString &fileName);
    // Asks for a file name and writes every event the filter matches, with progress and cancel.
    void exportCsv();
    // Shows only the events of the operation (one rollback, one import batch) of this event.
    void setOperationFilter(const QString &operationId);
    // Selects the event with this seq, loading pages (or clearing the filter) as needed.
    void selectEvent(qint64 seq);
    // Sets the drifted totals of the last verification from SUM after asking, then verifies again.
    void repairTotals();

    // Splitter sizes and column widths, for QSettings.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    // For menus and toolbars (their shortcuts already work inside this view; add these actions
    // rather than new ones with the same shortcuts).
    QAction *verifyAction() const { return m_actions->verifyAction(); }
    QAction *exportCsvAction() const { return m_actions->exportCsvAction(); }
    QAction *verifyAnchorAction() const { return m_actions->verifyAnchorAction(); }
    QAction *saveAnchorAction() const { return m_actions->saveAnchorAction(); }
    QAction *reportAction() const { return m_actions->reportAction(); }

    // The event of the current row (an empty one when none is).
    AuditEvent currentEvent() const;

    // The parts, for tests and for the main window's status bar.
    AuditModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    AuditEventDetail *detail() const { return m_detail; }
    VerifyResultPanel *verifyResult() const { return m_result; }
    bool isVerifying() const { return m_actions->isVerifying(); }
    bool isExporting() const { return m_actions->isExporting(); }
    bool isReporting() const { return m_actions->isReporting(); }

signals:
    // Show this transaction or this user where the window shows them (the main window decides).
    void showTransactionRequested(const QString &transactionId);
    void showUserRequested(const QString &userId);
    // A report was written (events > 0 or not), or failed or was cancelled (events < 0).
    void reportFinished(qint64 events);

    // A short message for the status bar (counts, outcome of verify, export, repair).
    void statusMessage(const QString &message);

private:
    void applyFilter(const AuditFilter &filter);
    void loadFilterChoices();
    void showCurrentEvent();
    void updateCount();
    void copySelection();
    void filterBySelectedUser();
    void filterBySelectedOperation();
    void showEventMenu(const QPoint &pos);
    void copyText(const QString &text, const QString &message);
    void showBrokenEvent(const VerifyReport &report);

    LedgerSession *m_session;
    AuditModel *m_model;
    AuditFilterBar *m_filterBar;
    QLabel *m_count;
    VerifyResultPanel *m_result;
    QSplitter *m_splitter;
    QTableView *m_table;
    AuditItemDelegate *m_delegate;
    AuditEventDetail *m_detail;
    AuditLogActions *m_actions;
    QAction *m_copyAction;
    QAction *m_userAction;
    QAction *m_findAction;
    QAction *m_showTransactionAction;
    QAction *m_showUserAction;
    QAction *m_batchAction;
    QAction *m_copyTransactionIdAction;
    QAction *m_copyUserIdAction;
    bool m_retriedWithoutFilter = false;
};
