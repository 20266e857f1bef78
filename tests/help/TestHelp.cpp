#include "tests/support/TestBackend.h"

#include "core/import/DemoGenerator.h"
#include "core/session/LedgerSession.h"
#include "ui/audit/AuditLogView.h"
#include "ui/common/MessageBox.h"
#include "ui/help/AboutDialog.h"
#include "ui/help/HelpBrowser.h"
#include "ui/help/HelpPages.h"
#include "ui/help/HelpWindow.h"
#include "ui/help/ShortcutsDialog.h"
#include "ui/history/HistoryView.h"
#include "ui/main/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QTranslator>

// Help as a person uses it: F1, the manual's pages, Help > Keyboard Shortcuts and the About box,
// on the real window over a real ledger.
class TestHelp final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void shortcutsDialogListsEveryKeyOfTheWindow();
    void shortcutsDialogFilters();
    void f1OpensTheManualAtTheViewShown();
    void manualHasAPageForEveryScreen_data();
    void manualHasAPageForEveryScreen();
    void everyLinkOfTheManualLeadsToAPage();
    void everyTranslationOfTheManualIsComplete();
    void aLanguageWithoutAManualFallsBackToEnglish();
    void searchKeepsThePagesThatHaveTheWords();
    void aboutShowsIconLicenceAndLinks();
    void toolbarActionsHaveIcons();

private:
    QAction *actionWithKey(const QKeySequence &key) const;
    // The rows of the shortcuts dialog as "action|keys|where".
    static QStringList rows(const ShortcutsDialog &dialog);

    std::unique_ptr<MainWindow> m_window;
};

void TestHelp::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-help"));
    QSettings().clear();
    XP_OPEN_FRESH_DB(spec, db);
    QVERIFY(DemoGenerator(*db).generate({12, 300, 10, 3}));
    m_window = std::make_unique<MainWindow>(QStringLiteral("tester"));
    QSignalSpy opened(m_window.get(), &MainWindow::databaseOpened);
    m_window->resize(1280, 800);
    m_window->show();
    m_window->openDatabase(spec);
    QVERIFY(opened.wait(20000));
    QVERIFY(opened.first().first().toBool());
}

void TestHelp::cleanupTestCase()
{
    m_window.reset();
}

QAction *TestHelp::actionWithKey(const QKeySequence &key) const
{
    const QList<QAction *> actions = m_window->findChildren<QAction *>();
    for (QAction *action : actions) {
        if (action->shortcuts().contains(key) && action->parent() == m_window.get())
            return action;
    }
    return nullptr;
}

QStringList TestHelp::rows(const ShortcutsDialog &dialog)
{
    QStringList result;
    const QAbstractItemModel *model = dialog.model();
    for (int row = 0; row < model->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < ShortcutsDialog::ColumnCount; ++column)
            cells << model->index(row, column).data().toString();
        result << cells.join(QLatin1Char('|'));
    }
    return result;
}

void TestHelp::shortcutsDialogListsEveryKeyOfTheWindow()
{
    QAction *showShortcuts = actionWithKey(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    QVERIFY(showShortcuts);
    showShortcuts->trigger();
    auto *dialog = m_window->findChild<ShortcutsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    const QStringList listed = rows(*dialog);
    QVERIFY2(listed.contains(QStringLiteral("Adjust XP…|Ctrl+J|Ledger")), qPrintable(listed.join(u'\n')));
    QVERIFY2(listed.contains(QStringLiteral("XP Admin Manual|F1|Help")), qPrintable(listed.join(u'\n')));
    QVERIFY2(listed.contains(QStringLiteral("Find User|Ctrl+F|Users")), qPrintable(listed.join(u'\n')));
    QVERIFY2(listed.contains(QStringLiteral("Clear Filters|Ctrl+Shift+L|History")), qPrintable(listed.join(u'\n')));
    // Every key any action of the window has is in the list, whoever made the action.
    QSet<QString> keysListed;
    for (const QString &row : listed)
        keysListed.insert(row.section(QLatin1Char('|'), 1, 1));
    const QList<QAction *> actions = m_window->findChildren<QAction *>();
    int withKeys = 0;
    for (const QAction *action : actions) {
        if (action->shortcut().isEmpty())
            continue;
        ++withKeys;
        const QString key = action->shortcut().toString(QKeySequence::NativeText);
        QVERIFY2(std::any_of(keysListed.cbegin(), keysListed.cend(),
                             [&key](const QString &keys) { return keys.split(QStringLiteral(", ")).contains(key); }),
                 qPrintable(action->text() + QStringLiteral(" ") + key));
    }
    QVERIFY(withKeys >= 25);
    dialog->close();
}

void TestHelp::shortcutsDialogFilters()
{
    ShortcutsDialog dialog(m_window.get());
    const int all = dialog.model()->rowCount();
    QTest::keyClicks(dialog.filterField(), QStringLiteral("ctrl+j"));
    QCOMPARE(dialog.model()->rowCount(), 1);
    QCOMPARE(dialog.model()->index(0, ShortcutsDialog::ActionColumn).data().toString(), QStringLiteral("Adjust XP…"));
    dialog.filterField()->clear();
    QCOMPARE(dialog.model()->rowCount(), all);
    QTest::keyClicks(dialog.filterField(), QStringLiteral("audit log"));
    QVERIFY(dialog.model()->rowCount() >= 3); // the tab's keys, its CSV export and Ctrl+2
    for (const QString &row : rows(dialog))
        QVERIFY2(row.contains(QStringLiteral("audit log"), Qt::CaseInsensitive), qPrintable(row));
}

void TestHelp::f1OpensTheManualAtTheViewShown()
{
    QAction *manual = actionWithKey(QKeySequence::HelpContents);
    QVERIFY(manual);
    QCOMPARE(manual->shortcut(), QKeySequence(Qt::Key_F1));

    m_window->activateWindow();
    m_window->showView(m_window->historyView());
    m_window->historyView()->findChild<QTableView *>()->setFocus();
    QTRY_VERIFY(m_window->historyView()->isVisible());
    manual->trigger();
    auto *help = m_window->findChild<HelpWindow *>();
    QVERIFY(help);
    QTRY_VERIFY(help->isVisible());
    QCOMPARE(help->currentPage(), QStringLiteral("history"));
    QVERIFY(help->browser()->toPlainText().contains(QStringLiteral("Clear filters")));
    QCOMPARE(help->contents()->currentItem()->text(), HelpPages::title(QStringLiteral("history")));

    m_window->showView(m_window->auditLogView());
    m_window->auditLogView()->findChild<QTableView *>()->setFocus();
    manual->trigger();
    QCOMPARE(m_window->findChildren<HelpWindow *>().size(), 1); // one manual window, reused
    QCOMPARE(help->currentPage(), QStringLiteral("audit"));

    // Back returns to the page before; choosing in the contents opens that page.
    help->browser()->backward();
    QCOMPARE(help->currentPage(), QStringLiteral("history"));
    help->contents()->setCurrentRow(0);
    QCOMPARE(help->currentPage(), QStringLiteral("index"));
    help->close();
}

void TestHelp::manualHasAPageForEveryScreen_data()
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("mustMention");
    QTest::newRow("users") << "users"
                           << "Total XP";
    QTest::newRow("history") << "history"
                             << "Source ID";
    QTest::newRow("adjust") << "adjust"
                            << "Ctrl+J";
    QTest::newRow("rollback") << "rollback"
                              << "reason";
    QTest::newRow("delete source") << "delete-source"
                                   << "Preview";
    QTest::newRow("restore") << "restore"
                             << "the same id";
    QTest::newRow("audit log") << "audit"
                               << "Verify Against Anchor";
    QTest::newRow("pending approvals") << "approvals"
                                       << "threshold";
    QTest::newRow("charts") << "charts"
                            << "Top Users";
    QTest::newRow("import wizard") << "import"
                                   << "Check Again";
    QTest::newRow("connection dialog") << "connection"
                                       << "Test connection";
    QTest::newRow("roles") << "roles"
                           << "Auditor";
    QTest::newRow("opening") << "opening"
                             << "xpadmin FILE";
}

void TestHelp::manualHasAPageForEveryScreen()
{
    QFETCH(QString, page);
    QFETCH(QString, mustMention);
    QVERIFY2(!HelpPages::title(page).isEmpty(), qPrintable(page));
    HelpWindow help;
    help.showPage(page);
    QCOMPARE(help.currentPage(), page);
    const QString text = help.browser()->toPlainText();
    QVERIFY2(text.size() > 600, qPrintable(QStringLiteral("%1: %2 characters").arg(page).arg(text.size())));
    QVERIFY2(text.contains(mustMention), qPrintable(page));
    QVERIFY(!help.browser()->documentTitle().isEmpty());
}

void TestHelp::everyLinkOfTheManualLeadsToAPage()
{
    static const QRegularExpression link(QStringLiteral("href=\"([^\"#:]+)(#[^\"]*)?\""));
    const QList<HelpPages::Page> pages = HelpPages::pages();
    QVERIFY(pages.size() >= 13);
    for (const HelpPages::Page &page : pages) {
        QFile file(HelpPages::resourceFile(HelpPages::url(page.id), QStringLiteral("en")));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(page.id));
        const QString html = QString::fromUtf8(file.readAll());
        for (auto match = link.globalMatch(html); match.hasNext();) {
            const QString target = match.next().captured(1);
            QVERIFY2(target.endsWith(QLatin1String(".html")), qPrintable(page.id + QStringLiteral(": ") + target));
            const QString id = target.chopped(5);
            QVERIFY2(!HelpPages::title(id).isEmpty(), qPrintable(page.id + QStringLiteral(" links to ") + target));
        }
    }
}

namespace {

QString readPage(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString pageTitle(const QString &html)
{
    static const QRegularExpression title(QStringLiteral("<title>([^<]*)</title>"));
    return title.match(html).captured(1);
}

} // namespace

void TestHelp::everyTranslationOfTheManualIsComplete()
{
    static const QRegularExpression link(QStringLiteral("href=\"([^\"#:]*)(?:#([^\"]*))?\""));
    const QStringList english = QDir(QStringLiteral(":/help/en")).entryList({QStringLiteral("*.html")}, QDir::Files);
    QVERIFY(english.size() >= 13);
    const QStringList languages = QDir(QStringLiteral(":/help")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY2(languages.contains(QStringLiteral("de")), qPrintable(languages.join(u',')));
    for (const QString &language : languages) {
        // The contents list and the page's own title show the same name in the window.
        QTranslator translator;
        const bool translated = translator.load(QStringLiteral(":/i18n/xpadmin_%1.qm").arg(language));
        for (const QString &name : english) {
            const QString where = language + u'/' + name;
            const QString html = readPage(QStringLiteral(":/help/%1/%2").arg(language, name));
            QVERIFY2(!html.isEmpty(), qPrintable(where + QStringLiteral(" is missing")));
            const QString id = name.chopped(5);
            QString expected
                = translated ? translator.translate("HelpPages", qPrintable(HelpPages::title(id))) : QString();
            if (expected.isEmpty())
                expected = HelpPages::title(id);
            QVERIFY2(
                pageTitle(html) == expected,
                qPrintable(QStringLiteral("%1: title %2, contents list %3").arg(where, pageTitle(html), expected)));
            if (language != QLatin1String("en")) {
                QVERIFY2(html != readPage(QStringLiteral(":/help/en/") + name),
                         qPrintable(where + QStringLiteral(" is the English page")));
            }
            for (auto match = link.globalMatch(html); match.hasNext();) {
                const QRegularExpressionMatch found = match.next();
                const QString target = found.captured(1).isEmpty() ? name : found.captured(1);
                const QString targetHtml = readPage(QStringLiteral(":/help/%1/%2").arg(language, target));
                QVERIFY2(!targetHtml.isEmpty(), qPrintable(where + QStringLiteral(" links to ") + target));
                const QString anchor = found.captured(2);
                QVERIFY2(anchor.isEmpty() || targetHtml.contains(QStringLiteral("id=\"%1\"").arg(anchor))
                             || targetHtml.contains(QStringLiteral("name=\"%1\"").arg(anchor)),
                         qPrintable(where + QStringLiteral(" links to ") + target + u'#' + anchor));
            }
        }
    }

    // A German desktop gets the German page, in the window as from the resources.
    const QUrl history = HelpPages::url(QStringLiteral("history"));
    QCOMPARE(HelpPages::resourceFile(history, QStringLiteral("de")), QStringLiteral(":/help/de/history.html"));
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    {
        HelpWindow help;
        help.showPage(QStringLiteral("history"));
        QCOMPARE(help.browser()->documentTitle(), pageTitle(readPage(QStringLiteral(":/help/de/history.html"))));
        QVERIFY(help.browser()->documentTitle() != pageTitle(readPage(QStringLiteral(":/help/en/history.html"))));
    }
    QLocale::setDefault(before);
}

void TestHelp::aLanguageWithoutAManualFallsBackToEnglish()
{
    const QUrl history = HelpPages::url(QStringLiteral("history"));
    QVERIFY(!QFileInfo::exists(QStringLiteral(":/help/es")));
    QCOMPARE(HelpPages::resourceFile(history, QStringLiteral("es")), QStringLiteral(":/help/en/history.html"));
    QCOMPARE(HelpPages::resourceFile(history, QStringLiteral("en")), QStringLiteral(":/help/en/history.html"));
    QVERIFY(HelpPages::resourceFile(HelpPages::url(QStringLiteral("no-such-page")), QStringLiteral("de")).isEmpty());
}

void TestHelp::searchKeepsThePagesThatHaveTheWords()
{
    HelpWindow help;
    help.showPage(QStringLiteral("index"));
    QTest::keyClicks(help.searchField(), QStringLiteral("approval threshold"));
    QStringList shown;
    for (int row = 0; row < help.contents()->count(); ++row) {
        if (!help.contents()->item(row)->isHidden())
            shown << help.contents()->item(row)->text();
    }
    QVERIFY2(shown.contains(HelpPages::title(QStringLiteral("approvals"))), qPrintable(shown.join(u',')));
    QVERIFY2(!shown.contains(HelpPages::title(QStringLiteral("connection"))), qPrintable(shown.join(u',')));
    // Enter goes to the next place the word is found, in this page or the next one listed.
    QTest::keyClick(help.searchField(), Qt::Key_Return);
    QVERIFY(help.browser()->textCursor().selectedText().compare(QStringLiteral("approval"), Qt::CaseInsensitive) == 0);
}

void TestHelp::aboutShowsIconLicenceAndLinks()
{
    QAction *about = nullptr;
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("&About XP Admin"))
            about = action;
    }
    QVERIFY(about);
    about->trigger();
    auto *dialog = m_window->findChild<AboutDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    // The licence is the repository's LICENSE file, in full.
    QFile license(QStringLiteral(XPADMIN_SOURCE_DIR "/LICENSE"));
    QVERIFY(license.open(QIODevice::ReadOnly));
    const QString licenceText = QString::fromUtf8(license.readAll());
    QCOMPARE(dialog->licenceView()->toPlainText(), licenceText);
    QCOMPARE(AboutDialog::licenceName(), QStringLiteral("MIT License"));
    QVERIFY(dialog->findChild<QGroupBox *>(QStringLiteral("aboutLicence"))->title().contains(QStringLiteral("MIT")));
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("aboutIcon"))->pixmap().isNull());
    QVERIFY(
        dialog->findChild<QLabel *>(QStringLiteral("aboutTitle"))->text().contains(QStringLiteral(XPADMIN_VERSION)));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("aboutDetails"))->text().contains(QStringLiteral("SQLite"))
            || TestBackend::isPostgres());
    QVERIFY(dialog->linksLabel()->text().contains(AboutDialog::homepage()));
    QVERIFY(AboutDialog::homepage().startsWith(QStringLiteral("https://")));

    // The manual's link opens the manual.
    emit dialog->linksLabel()->linkActivated(QStringLiteral("xpadmin:manual"));
    auto *help = m_window->findChild<HelpWindow *>();
    QVERIFY(help);
    QTRY_VERIFY(help->isVisible());
    QCOMPARE(help->currentPage(), QStringLiteral("index"));
    help->close();
}

void TestHelp::toolbarActionsHaveIcons()
{
    auto *toolbar = m_window->findChild<QToolBar *>(QStringLiteral("ledgerToolBar"));
    QVERIFY(toolbar);
    int actions = 0;
    for (const QAction *action : toolbar->actions()) {
        if (action->isSeparator())
            continue;
        ++actions;
        QVERIFY2(!action->icon().pixmap(24, 24).isNull(), qPrintable(action->text()));
    }
    QCOMPARE(actions, 8);
    QCOMPARE(toolbar->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
}

QTEST_MAIN(TestHelp)
#include "TestHelp.moc"
