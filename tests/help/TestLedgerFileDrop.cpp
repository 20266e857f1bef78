#include "tests/support/TestBackend.h"

#include "core/session/LedgerSession.h"
#include "ui/common/MessageBox.h"
#include "ui/main/LedgerFile.h"
#include "ui/main/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

// A ledger file dropped on the window, or named outside the Open dialog: asked for, then opened;
// one that is missing or not a ledger is refused in words, and never created.
class TestLedgerFileDrop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void problemsAreSaidInWords();
    void droppingALedgerAsksThenOpensIt();
    void droppingCanBeCancelled();
    void otherFilesAreNotAccepted();
    void droppingAFileThatIsNotALedgerChangesNothing();

private:
    // A ledger file with the schema, in the test's folder.
    QString makeLedgerFile(const QString &name);
    // Drags data over the window and drops it there; whether the window accepted the drag.
    bool dragAndDrop(const QString &path);

    QTemporaryDir m_dir;
    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<MainWindow> m_window;
};

void TestLedgerFileDrop::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-ledger-file-drop"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
}

void TestLedgerFileDrop::init()
{
    m_window = std::make_unique<MainWindow>(QStringLiteral("tester"));
    QSignalSpy opened(m_window.get(), &MainWindow::databaseOpened);
    m_window->show();
    m_window->openDatabase(*m_spec);
    QVERIFY(opened.wait(20000));
    QVERIFY(opened.first().first().toBool());
}

void TestLedgerFileDrop::cleanup()
{
    m_window.reset();
}

QString TestLedgerFileDrop::makeLedgerFile(const QString &name)
{
    const QString path = m_dir.filePath(name);
    ConnectionSpec spec;
    spec.path = path;
    QString why;
    if (!TestBackend::openInitialized(spec, &why))
        qWarning("%s", qPrintable(why));
    return path;
}

bool TestLedgerFileDrop::dragAndDrop(const QString &path)
{
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    const QPoint centre = m_window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    return drop.isAccepted();
}

void TestLedgerFileDrop::problemsAreSaidInWords()
{
    const QString ledger = makeLedgerFile(QStringLiteral("words.sqlite"));
    QCOMPARE(LedgerFile::problem(ledger), QString());

    const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite"));
    QVERIFY(LedgerFile::problem(missing).contains(QStringLiteral("does not exist")));
    QVERIFY(!QFile::exists(missing));

    QVERIFY(LedgerFile::problem(m_dir.path()).contains(QStringLiteral("is a folder")));

    const QString text = m_dir.filePath(QStringLiteral("notes.sqlite"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("these are notes, not a ledger\n");
    file.close();
    QVERIFY(LedgerFile::problem(text).contains(QStringLiteral("not an SQLite database")));

    const QString empty = m_dir.filePath(QStringLiteral("empty.db"));
    QFile emptyFile(empty);
    QVERIFY(emptyFile.open(QIODevice::WriteOnly));
    emptyFile.close();
    QVERIFY(LedgerFile::problem(empty).contains(QStringLiteral("not an SQLite database")));
}

void TestLedgerFileDrop::droppingALedgerAsksThenOpensIt()
{
    const QString ledger = makeLedgerFile(QStringLiteral("dropped ledger.sqlite"));
    QSignalSpy opened(m_window.get(), &MainWindow::databaseOpened);
    MessageBox::setNextAnswer(QMessageBox::Open);
    QVERIFY(dragAndDrop(ledger));
    QVERIFY(opened.wait(20000));
    QVERIFY(opened.first().first().toBool());
    // The question named the file and the ledger that closes.
    const QString asked = MessageBox::lastText();
    QVERIFY2(asked.contains(QDir::toNativeSeparators(ledger)), qPrintable(asked));
    QVERIFY2(asked.contains(m_spec->displayName()), qPrintable(asked));
    QVERIFY2(asked.contains(QStringLiteral("closes")), qPrintable(asked));
    QCOMPARE(m_window->session()->spec().backend, ConnectionSpec::Backend::Sqlite);
    QCOMPARE(QFileInfo(m_window->session()->spec().path).canonicalFilePath(), QFileInfo(ledger).canonicalFilePath());
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("dropped ledger.sqlite")));
}

void TestLedgerFileDrop::droppingCanBeCancelled()
{
    const QString ledger = makeLedgerFile(QStringLiteral("not-now.sqlite"));
    QSignalSpy opened(m_window.get(), &MainWindow::databaseOpened);
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(dragAndDrop(ledger));
    QTRY_VERIFY(MessageBox::lastText().contains(QStringLiteral("not-now.sqlite")));
    QTest::qWait(300);
    QCOMPARE(opened.size(), 0);
    QCOMPARE(m_window->session()->spec().displayName(), m_spec->displayName());
}

void TestLedgerFileDrop::otherFilesAreNotAccepted()
{
    const QString csv = m_dir.filePath(QStringLiteral("contest.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("userId,amount,reason\n");
    file.close();
    QVERIFY(!dragAndDrop(csv));
}

void TestLedgerFileDrop::droppingAFileThatIsNotALedgerChangesNothing()
{
    const QString text = m_dir.filePath(QStringLiteral("fake.sqlite"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a database");
    file.close();
    QSignalSpy opened(m_window.get(), &MainWindow::databaseOpened);
    MessageBox::setNextAnswer(QMessageBox::Open);
    // The refusal is a real message box: read it and close it.
    QString shown;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&shown] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            shown = box->text();
            box->accept();
        }
    });
    closer.start(50);
    QVERIFY(dragAndDrop(text));
    QTRY_VERIFY(!shown.isEmpty());
    QVERIFY2(shown.contains(QStringLiteral("not an SQLite database")), qPrintable(shown));
    QCOMPARE(opened.size(), 0);
    QCOMPARE(m_window->session()->spec().displayName(), m_spec->displayName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("not a database"));
}

QTEST_MAIN(TestLedgerFileDrop)
#include "TestLedgerFileDrop.moc"
