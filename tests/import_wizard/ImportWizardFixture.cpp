#include "tests/import_wizard/ImportWizardFixture.h"

#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "ui/common/InlineMessage.h"
#include "ui/import/ImportWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRadioButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

void ImportWizardFixture::setUpApplication()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-import-wizard"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void ImportWizardFixture::openDatabase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    m_window = std::make_unique<QWidget>();
    m_window->resize(1000, 800);
    m_window->show();
    QVERIFY(Users(*m_db).add(QStringLiteral("alice"), QStringLiteral("alice@example.com"), QStringLiteral("Alice")));
    QVERIFY(Users(*m_db).add(QStringLiteral("bob"), QStringLiteral("bob@example.com"), QStringLiteral("Bob")));
}

void ImportWizardFixture::closeDatabase()
{
    if (m_db)
        QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    m_window.reset(); // the wizards first: they cancel what they run
    m_session.reset();
    m_db.reset();
}

QString ImportWizardFixture::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

qint64 ImportWizardFixture::scalar(const QString &sql, const Bindings &bindings)
{
    const QVariant value = TestBackend::scalar(*m_db, sql, bindings);
    if (!value.isValid())
        qFatal("query failed: %s", qPrintable(sql));
    return value.toLongLong();
}

QString ImportWizardFixture::snapshot()
{
    const Dialect &d = m_db->dialect();
    return QStringList{
        QString::number(scalar(QStringLiteral("SELECT count(*) FROM \"User\""))),
        QString::number(scalar(QStringLiteral("SELECT count(*) FROM \"UserXP\""))),
        QString::number(scalar(QStringLiteral("SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\""))),
        QString::number(scalar(QStringLiteral("SELECT count(*) FROM \"UserProfile\""))),
        QString::number(
            scalar(QStringLiteral("SELECT count(*) FROM %1").arg(d.ownTable(QStringLiteral("audit_event"))))),
        QString::number(
            scalar(QStringLiteral("SELECT count(*) FROM %1").arg(d.ownTable(QStringLiteral("import_batch"))))),
    }
        .join(QLatin1Char(' '));
}

ImportWizard *ImportWizardFixture::openWizard()
{
    auto *wizard = new ImportWizard(m_session.get(), m_window.get());
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->show();
    QApplication::setActiveWindow(wizard);
    if (!QTest::qWaitForWindowActive(wizard))
        qWarning("wizard not active");
    return wizard;
}

void ImportWizardFixture::choose(ImportWizard *wizard, const QString &kindButton, const QString &path)
{
    auto *kind = wizard->findChild<QRadioButton *>(kindButton);
    QVERIFY(kind);
    // On the indicator: the button is as wide as the page, its label is not.
    QTest::mouseClick(kind, Qt::LeftButton, {}, QPoint(8, kind->height() / 2));
    QVERIFY(kind->isChecked());
    auto *file = wizard->findChild<QLineEdit *>(QStringLiteral("fileEdit"));
    QVERIFY(file);
    file->clear();
    if (!path.isEmpty())
        QTest::keyClicks(file, path);
}

void ImportWizardFixture::clickNext(ImportWizard *wizard)
{
    QAbstractButton *next = wizard->button(QWizard::NextButton);
    if (!next->isVisible())
        next = wizard->button(QWizard::CommitButton);
    QVERIFY(next->isVisible());
    QVERIFY(next->isEnabled());
    QTest::mouseClick(next, Qt::LeftButton);
}

QString ImportWizardFixture::messageText(ImportWizard *wizard, const QString &name)
{
    const auto *message = wizard->findChild<InlineMessage *>(name);
    return message && message->isVisible() ? message->text() : QString();
}

QString ImportWizardFixture::labelText(ImportWizard *wizard, const QString &name)
{
    const auto *label = wizard->findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

void ImportWizardFixture::snap(ImportWizard *wizard, const QString &name)
{
    const QString dir = qEnvironmentVariable("XPADMIN_IMPORT_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QTest::qWait(200); // let the progress panel and layouts settle
    QVERIFY(wizard->grab().save(QDir(dir).filePath(QStringLiteral("import-%1-%2.png").arg(name, TestBackend::name()))));
}

void ImportWizardFixture::importFromSummary(ImportWizard *wizard)
{
    QCOMPARE(wizard->currentId(), int(ImportWizard::SummaryPage));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
    clickNext(wizard);
    QCOMPARE(wizard->currentId(), int(ImportWizard::ConfirmPage));
    clickNext(wizard); // Import
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(ImportWizard::ResultPage), 60000);
}
