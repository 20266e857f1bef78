#pragma once

#include "core/db/ConnectionSpec.h"

#include <QSize>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class MainWindow;
class QDialog;
class QWidget;

// A walk through the whole window as a support person and an auditor take it, on a ledger that
// holds demo data: every view and every dialog, one after another, in the language installed.
// At each stop the tour calls visit(stop, window) with the window or dialog then on screen, laid
// out and loaded; what to check or photograph is the caller's. It changes the ledger as a person
// would (an adjustment, a rollback, a held adjustment, an import), so give it a database of its own.
class WindowTour final
{
public:
    using Visit = std::function<void(const QString &stop, QWidget *window)>;

    // Before QApplication exists: under QT_QPA_PLATFORM=offscreen, a screen of this size (the
    // platform's own is 800 x 600), so that windows and dialogs size themselves as they would
    // on such a screen.
    static void prepareScreen(const QSize &size);
    // Drops the offscreen platform's warning, given for every dialog, that it does not pass
    // size hints to a window manager (it has none).
    static void quietenPlatform();
    // Installs the translations of language ("en", "de", "fr") before the window is made.
    static bool setLanguage(const QString &language, QString *why);
    // Every stop, in the order visited.
    static QStringList stops();

    WindowTour(const ConnectionSpec &spec, const QSize &size);
    ~WindowTour();

    // Opens the window on the database and walks; false and *why when a stop is not reached.
    bool run(const Visit &visit, QString *why);
    MainWindow *window() const { return m_window.get(); }

private:
    bool openWindow(QString *why);
    bool actionDialogs(QString *why);
    bool changeLedger(QString *why);
    bool views(QString *why);
    bool standaloneDialogs(QString *why);
    bool importWizard(QString *why);
    bool helpWindows(QString *why);
    bool languageMessage(QString *why);
    // Waits for the dialog LedgerActions opened last, visits it and cancels it.
    bool visitActionDialog(const QString &stop, QString *why);
    void visit(const QString &stop, QWidget *window);
    bool waitFor(const std::function<bool()> &condition, const QString &what, QString *why, int timeoutMs = 30000);

    ConnectionSpec m_spec;
    QSize m_size;
    std::unique_ptr<MainWindow> m_window;
    Visit m_visit;
    QString m_userId; // the user whose history the tour works on
    QTemporaryDir m_files;
};
