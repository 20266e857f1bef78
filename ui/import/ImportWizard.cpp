#include "ui/import/ImportWizard.h"

#include "core/import/ImportJob.h"
#include "core/session/LedgerSession.h"
#include "ui/import/ImportChoosePage.h"
#include "ui/import/ImportConfirmPage.h"
#include "ui/import/ImportPreviewPage.h"
#include "ui/import/ImportResultPage.h"
#include "ui/import/ImportRunPage.h"
#include "ui/import/ImportSummaryPage.h"

#include <QSettings>

namespace {

const QString GeometryKey = QStringLiteral("importWizard/geometry");

} // namespace

ImportWizard::ImportWizard(LedgerSession *session, QWidget *parent)
    : QWizard(parent), m_session(session), m_choosePage(new ImportChoosePage(this))
{
    setObjectName(QStringLiteral("ImportWizard"));
    setWindowTitle(tr("Import"));
    setWizardStyle(QWizard::ModernStyle);
    // After the import there is nothing to go back to or cancel: the result page only closes.
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(ChoosePage, m_choosePage);
    setPage(PreviewPage, new ImportPreviewPage(this));
    setPage(SummaryPage, new ImportSummaryPage(this));
    setPage(ConfirmPage, new ImportConfirmPage(this));
    setPage(RunPage, new ImportRunPage(this));
    setPage(ResultPage, new ImportResultPage(this));
    setStartId(ChoosePage);
    if (!restoreGeometry(QSettings().value(GeometryKey).toByteArray()))
        resize(900, 680);
}

ImportWizard::~ImportWizard() = default;

ImportKind ImportWizard::kind() const
{
    return m_choosePage->kind();
}

QString ImportWizard::filePath() const
{
    return kind() == ImportKind::Profiles ? QString() : m_choosePage->filePath();
}

void ImportWizard::startDryRun()
{
    m_dryRun = std::make_unique<ImportJob>(m_session, kind(), filePath(), true);
    m_dryRun->start();
}

void ImportWizard::startRealRun()
{
    const ImportReport *checked = m_dryRun ? m_dryRun->report() : nullptr;
    m_realRun
        = std::make_unique<ImportJob>(m_session, kind(), filePath(), false, checked ? checked->sha256 : QString());
    connect(m_realRun.get(), &ImportJob::finished, this, [this] {
        const ImportReport *report = m_realRun->report();
        if (report && report->applied) {
            m_session->announceChange();
            emit imported(*report);
        }
    });
    m_realRun->start();
}

void ImportWizard::reject()
{
    if (m_realRun && m_realRun->isRunning()) {
        // All or nothing: cancelling leaves the database as it was; the result page says so.
        m_realRun->cancel();
        return;
    }
    QWizard::reject();
}

void ImportWizard::done(int result)
{
    if (m_dryRun)
        m_dryRun->cancel();
    QSettings().setValue(GeometryKey, saveGeometry());
    QWizard::done(result);
}
