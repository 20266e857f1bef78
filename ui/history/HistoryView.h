#pragma once

#include "core/domain/XpTransaction.h"
#include "core/history/HistoryQuery.h"
#include "ui/history/HistoryFilterBar.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QWidget>

class HistoryColumns;
class HistoryLive;
class HistoryLocator;
class HistoryModel;
class LedgerMoment;
class LedgerSession;
class QAction;
class QLabel;
class QMenu;
class QTableView;

// The transactions of the current user (or everyone's): a filter bar (period, source type,
// category, text), a table that loads as it scrolls, sorted by time, with the user's running
// balance, and a status line. Copies the selected rows and exports every row of the filter to
// CSV off the GUI thread. A row's context menu starts the work on it; a double-click opens the
// audit event that wrote it.
class HistoryView final : public QWidget
{
    Q_OBJECT

public:
    using Period = HistoryFilterBar::Period;

    explicit HistoryView(LedgerSession *session, QWidget *parent = nullptr);

    // Shows one user's transactions (empty: everyone's); the User column shows only for everyone.
    void setUser(const QString &userId);
    QString userId() const { return m_userId; }
    // The selected transactions, in table order.
    QList<XpTransaction> selectedTransactions() const;
    // The number of selected rows: cheaper than selectedTransactions() for enabling actions.
    int selectedCount() const;
    // Copies the selected rows with a header, tab-separated, to the clipboard (Ctrl+C in the table).
    void copySelection();
    // Asks for a file and writes every transaction of the filter to it as CSV, with progress and cancel.
    void exportCsv();
    // Reads the transactions again from the top, keeping the filters (F5).
    void refresh();
    // The filter in force, user included.
    HistoryFilter filter() const;
    // Column widths, order and visibility, and the time order, for QSettings.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    // Clears every filter but the user (Ctrl+Shift+L).
    void clearFilters() { m_filterBar->clearFilters(); }
    // Puts the keyboard focus in the text filter (Ctrl+Shift+F).
    void focusTextFilter() { m_filterBar->focusTextFilter(); }
    // Adds an action to the top of the table's context menu (roll back, delete source, ...).
    void addRowAction(QAction *action);
    // Shows and selects the transaction: clears the filters that hide it and loads the rows down
    // to it (or, far down, shows it alone through the search). The user shown stays.
    void showTransaction(const XpTransaction &transaction);
    // Copies the selected transactions' ids, one a line.
    void copyIds();
    // The menu a right-click opens, as it is now (for tests).
    QMenu *contextMenu() const { return m_contextMenu; }
    HistoryModel *model() const { return m_model; }
    // What the ledger did since the rows were read: the bar of new rows, removed rows struck through.
    HistoryLive *live() const { return m_live; }
    QTableView *tableView() const { return m_table; }
    bool isExporting() const { return m_exporting; }

signals:
    // The selected rows changed (or were cleared by a reload).
    void selectionChanged();
    // An export finished; rows is the number of transactions written.
    void exportFinished(qint64 rows, const QString &fileName);
    // A short report for the status bar.
    void statusMessage(const QString &message);
    // The person asked to see the audit event that wrote the transaction (menu or double-click).
    void auditRequested(const XpTransaction &transaction);
    // The person asked to see this user (their row in the users list and their history).
    void userRequested(const QString &userId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    HistoryFilter filterFromWidgets() const;
    void applyFilters();
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    void updateStatus();
    void updateUserColumn();
    void updateBalanceColumn();
    void updateRowActions();
    void showContextMenu(const QPoint &pos);
    void showHeaderMenu(const QPoint &pos);
    void showLoadError(const QString &message);

    LedgerSession *m_session;
    HistoryModel *m_model;
    LedgerMoment *m_moment; // the window's: a past moment shows the rows of then
    HistoryFilterBar *m_filterBar;
    QTableView *m_table;
    QLabel *m_status;
    QMenu *m_contextMenu;
    QAction *m_rowActionsEnd;
    QAction *m_showAudit;
    QAction *m_showUser;
    QAction *m_copyIds;
    HistoryLocator *m_locator;
    HistoryColumns *m_columns = nullptr;
    HistoryLive *m_live;
    QString m_userId;
    bool m_balanceWanted = true; // unless hidden from the header's menu
    bool m_exporting = false;
    bool m_errorShown = false;
};
