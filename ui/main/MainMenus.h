#pragma once

class DatabaseOpener;
class MainWindow;
class MainWindowActions;

// The main window's menu bar and toolbar, made of its actions. The titles are the window's and
// keep its translation context (MainWindow::tr), under which the menus' translations are filed.
namespace MainMenus {

// File (with Open Recent, through opener), Edit, Ledger, View (with the language and the role on
// SQLite files), Help; and the Ledger toolbar.
void create(MainWindow *window, const MainWindowActions &actions, DatabaseOpener *opener);

} // namespace MainMenus
