#pragma once

#include <QWidget>

class AlertListModel;
class QLabel;
class QPushButton;
class QTableView;

// The alerts raised while the window is open, newest first: when, which rule, and what happened
// in words. Show User and Show in Audit Log jump to what the selected alert is about (Enter or a
// double click: the audit event).
class AlertsPanel final : public QWidget
{
    Q_OBJECT

public:
    AlertsPanel(AlertListModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QPushButton *showUserButton() const { return m_showUser; }
    QPushButton *showEventButton() const { return m_showEvent; }
    QPushButton *clearButton() const { return m_clear; }
    // A line above the list: the rules in force, or why alerts cannot be checked.
    void setSummary(const QString &text);

signals:
    void userRequested(const QString &userId);
    void eventRequested(qint64 seq);

private:
    int currentRow() const;
    void updateButtons();

    AlertListModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QPushButton *m_showUser;
    QPushButton *m_showEvent;
    QPushButton *m_clear;
};
