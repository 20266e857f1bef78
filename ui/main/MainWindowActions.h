#pragma once

#include <QObject>
#include <QPointer>

#include <array>

class DatabaseOpener;
class HelpWindow;
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
        Manual,
        KeyboardShortcuts,
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
    // Opens the manual (F1) at a page (HelpPages' id); an empty id: the page of the view that
    // has the focus, or of the tab shown.
    void showManual(const QString &page = {});

private:
    void connectActions(DatabaseOpener *opener);
    void setIcons();
    void showAbout();
    void showShortcuts();
    void importFile();
    // The manual's page for what the person is looking at.
    QString contextPage() const;

    MainWindow *m_window;
    std::array<QAction *, IdCount> m_actions{};
    std::array<QAction *, 4> m_exportChart{};
    QPointer<HelpWindow> m_help; // one manual window, kept while the main window lives
};
