#pragma once

#include <QByteArray>
#include <QString>
#include <QWidget>

class LedgerSession;
class QAction;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolButton;
class UsersModel;

// The users list on the left of the main window: search as you type (id, email or name), a
// sortable table (a leaderboard when sorted by total) that marks drifted totals, "All users",
// and a count. Choosing a row makes that user current; no selection means everyone.
class UsersPane final : public QWidget
{
    Q_OBJECT

public:
    explicit UsersPane(LedgerSession *session, QWidget *parent = nullptr);

    // The selected user's id; empty for everyone.
    QString currentUserId() const { return m_currentUserId; }
    // Selects a user: at once if loaded, otherwise by searching for the id.
    void selectUser(const QString &userId);
    // Reads the list again (F5), keeping search, sort and the current user.
    void refresh();
    // Column widths, order, visibility and sort, for QSettings.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    // Wide enough for every column shown, the name at a readable width.
    QSize sizeHint() const override;

    // Adds an action to the users list's context menu (Statement…).
    void addUserAction(QAction *action);
    // Puts the keyboard focus in the search field (Ctrl+F).
    void focusSearch();
    UsersModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }

signals:
    // The current user changed; empty means everyone.
    void currentUserChanged(const QString &userId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Columns sized for their header and their widest value in this language.
    void sizeColumns();
    int columnWidth(int column, const QString &widestValue) const;
    void setCurrentUser(const QString &userId);
    void onSelectionChanged();
    void selectLoadedUser(const QString &userId, bool announce);
    void onRowsLoaded();
    void applySearchNow();
    void updateCount();
    void keepSortIndicatorValid(int column, Qt::SortOrder order);
    void showHeaderMenu(const QPoint &pos);
    void showLoadError(const QString &message);

    UsersModel *m_model;
    QLineEdit *m_search;
    QToolButton *m_everyone;
    QTableView *m_table;
    QLabel *m_count;
    QTimer *m_debounce;
    QString m_currentUserId;
    QString m_pendingSelection; // asked for by selectUser() before it was loaded
    bool m_syncingSelection = false; // selection changed by code, not by the person
    bool m_errorShown = false;
};
