#pragma once

#include <QObject>

#include <array>

class DatabaseOpener;
class MainWindow;
class QAction;

// Every action of the main window (menus, toolbar and keys): its text, key and tip, what it does
// to the window's views, and when it is enabled (open database, selection, busy, role). The
// texts are the window's and keep its translation context (MainWindow::tr), under which the
// menus' translations are filed.
class MainWindowActions final : public QObject
{
    Q_OBJECT

public:
    enum Id {
        NewDatabase,
        OpenDatabase,
        ConnectToPostgres,
        Import,
        ExportHistory,
        ExportAudit,
        Quit,
        Undo,
        Redo,
        Copy,
        Adjust,
        Rollback,
        DeleteSource,
        Restore,
        Verify,
        Refresh,
        ShowHistory,
        ShowAudit,
        ShowCharts,
        About,
        IdCount
    };

    // The actions are the window's children; opener opens what New, Open and Connect ask for.
    MainWindowActions(MainWindow *window, DatabaseOpener *opener);

    QAction *action(Id id) const { return m_actions[id]; }
    // File > Export Chart, by ChartKind.
    const std::array<QAction *, 4> &exportChartActions() const { return m_exportChart; }

    // Enables what can be done now and says why the role may not do the rest.
    void update();

private:
    void connectActions(DatabaseOpener *opener);
    void showAbout();
    void importFile();

    MainWindow *m_window;
    std::array<QAction *, IdCount> m_actions{};
    std::array<QAction *, 4> m_exportChart{};
};
