#pragma once

#include "core/audit/AuditQuery.h"

#include <QTimer>
#include <QWidget>

class LedgerSession;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QStringListModel;
class QToolButton;
class UserFilterEdit;

// The audit log's filters in two rows, so no field is squeezed in a narrow window or a long
// language: user (by name, email or id), action and actor or operator; then a date range of local calendar days and
// what narrows the list further (one operation, a start part way down). Typing is debounced;
// filterChanged is emitted once it pauses.
class AuditFilterBar final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int DebounceMs = 300;

    // The session finds the users offered in the user field and their names.
    explicit AuditFilterBar(LedgerSession *session, QWidget *parent = nullptr);

    // What the widgets say now (UTC bounds; until is the start of the day after the last day).
    AuditFilter filter() const;
    // Shows a filter without emitting filterChanged.
    void setFilter(const AuditFilter &filter);
    // The actions offered besides the known ones, and the actors to complete.
    void setActions(const QStringList &actions);
    void setActors(const QStringList &actors);
    // Puts the cursor in the user field.
    void focusUserFilter();
    // Applies any pending change at once.
    void applyNow();

signals:
    void filterChanged(const AuditFilter &filter);

private:
    void schedule();
    void updateClearButton();

    UserFilterEdit *m_user;
    QComboBox *m_action;
    QLineEdit *m_actor;
    QStringListModel *m_actors;
    QCheckBox *m_sinceEnabled;
    QDateEdit *m_since;
    QCheckBox *m_untilEnabled;
    QDateEdit *m_until;
    QLabel *m_startLabel;
    QToolButton *m_startClear;
    QLabel *m_operationLabel;
    QToolButton *m_operationClear;
    QToolButton *m_clear;
    QTimer m_debounce;
    std::optional<qint64> m_maxSeq;
    QString m_operationId;
};
