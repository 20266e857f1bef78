#pragma once

#include <QObject>

class MainWindow;

// Dropping a ledger file (.sqlite, .sqlite3, .db) on the main window opens it, once the person
// has confirmed that the current ledger closes. Other drops are left to the widgets under them.
class LedgerDropTarget final : public QObject
{
    Q_OBJECT

public:
    // Watches window's drag and drop events; the window accepts drops from then on.
    explicit LedgerDropTarget(MainWindow *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    MainWindow *m_window;
};
