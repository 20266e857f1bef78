#include "ui/actions/DeleteSourceDialog.h"

#include "core/domain/Validation.h"
#include "core/preview/PreviewJobs.h"
#include "core/session/LedgerSession.h"
#include "models/TransactionListModel.h"
#include "models/UserEffectModel.h"
#include "models/XpFormat.h"
#include "ui/actions/ActionText.h"
#include "ui/actions/CompactTable.h"
#include "ui/actions/ReasonField.h"
#include "ui/common/FieldNote.h"
#include "ui/common/InlineMessage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

DeleteSourceDialog::DeleteSourceDialog(LedgerSession *session, const std::optional<XpTransaction> &prefill,
                                       QWidget *parent)
    : ActionDialog(session, parent),
      m_rowModel(new TransactionListModel(this)),
      m_effectModel(new UserEffectModel(this))
{
    setObjectName(QStringLiteral("DeleteSourceDialog"));
    setHeading(tr("Delete a source"),
               tr("Deletes every transaction of one source (a problem attempt, an achievement, ...) for every user "
                  "who has it, as when the source itself is deleted. The audit log keeps each transaction in full: "
                  "they can be restored later."));
    setConfirmText(tr("Delete"));
    // Enter previews; deleting takes a click or Ctrl+Return.
    confirmButton()->setDefault(false);
    confirmButton()->setAutoDefault(false);

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("sourceTypeCombo"));
    m_type->setToolTip(tr("The kind of source the transactions came from"));
    for (const QString &name : XpEnums::sourceTypeNames()) {
        const SourceType type = *XpEnums::sourceTypeFromName(name);
        m_type->addItem(XpEnums::label(type), static_cast<int>(type));
        m_type->setItemData(m_type->count() - 1, tr("Stored as %1").arg(name), Qt::ToolTipRole);
    }
    m_sourceId = new QLineEdit(this);
    m_sourceId->setObjectName(QStringLiteral("sourceIdEdit"));
    m_sourceId->setPlaceholderText(tr("e.g. attempt-1042"));
    m_sourceId->setToolTip(tr("The source id exactly as it appears in the history"));
    m_sourceNote = new FieldNote(this);
    m_sourceNote->setObjectName(QStringLiteral("sourceIdNote"));
    m_sourceNote->setHint(tr("Exactly as shown in the history's Source id column."));
    m_previewButton = new QPushButton(tr("&Preview"), this);
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_previewButton->setToolTip(tr("List every transaction of this source before deleting (Alt+P, or Enter)"));
    m_previewButton->setDefault(true);

    auto *sourceGrid = new QGridLayout;
    sourceGrid->setHorizontalSpacing(8);
    auto *typeLabel = sectionLabel(tr("Source &type:"));
    typeLabel->setBuddy(m_type);
    auto *idLabel = sectionLabel(tr("Source &id:"));
    idLabel->setBuddy(m_sourceId);
    sourceGrid->addWidget(typeLabel, 0, 0);
    sourceGrid->addWidget(m_type, 0, 1);
    sourceGrid->addWidget(idLabel, 0, 2);
    sourceGrid->addWidget(m_sourceId, 0, 3);
    sourceGrid->addWidget(m_previewButton, 0, 4);
    sourceGrid->addWidget(m_sourceNote, 1, 3, 1, 2);
    sourceGrid->setColumnStretch(3, 1);
    contentLayout()->addLayout(sourceGrid);

    m_summary = sectionLabel({});
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setWordWrap(true);
    contentLayout()->addWidget(m_summary);

    m_rowTable = CompactTable::forTransactions(m_rowModel, 6, this);
    m_rowTable->setObjectName(QStringLiteral("transactionTable"));
    // Every row has the source entered above.
    m_rowTable->setColumnHidden(TransactionListModel::Source, true);
    m_rowTable->setColumnHidden(TransactionListModel::Category, true);
    contentLayout()->addWidget(m_rowTable);
    m_effectTable = CompactTable::forEffects(m_effectModel, 4, this);
    m_effectTable->setObjectName(QStringLiteral("effectTable"));
    contentLayout()->addWidget(sectionLabel(tr("Effect on each user's total")));
    contentLayout()->addWidget(m_effectTable);

    m_status = new InlineMessage(this);
    m_status->setObjectName(QStringLiteral("previewMessage"));
    contentLayout()->addWidget(m_status);

    m_reason = new ReasonField(this);
    auto *form = new QFormLayout;
    auto *reasonLabel = sectionLabel(tr("&Reason:"));
    reasonLabel->setBuddy(m_reason->editor());
    form->addRow(reasonLabel, m_reason);
    contentLayout()->addLayout(form);

    connect(m_type, &QComboBox::currentIndexChanged, this, &DeleteSourceDialog::invalidatePreview);
    connect(m_sourceId, &QLineEdit::textEdited, this, [this] { m_sourceTouched = true; });
    connect(m_sourceId, &QLineEdit::textChanged, this, &DeleteSourceDialog::invalidatePreview);
    connect(m_previewButton, &QPushButton::clicked, this, &DeleteSourceDialog::runPreview);
    connect(m_reason, &ReasonField::changed, this, &DeleteSourceDialog::refresh);
    connect(session, &LedgerSession::ledgerChanged, this, [this] {
        if (isVisible() && m_preview && !isSubmitting())
            runPreview();
    });

    setMinimumWidth(760);
    if (prefill) {
        m_type->setCurrentIndex(m_type->findData(static_cast<int>(prefill->sourceType)));
        m_sourceId->setText(prefill->sourceId);
        runPreview();
        m_reason->setFocus();
    } else {
        m_sourceId->setFocus();
    }
    refresh();
}

SourceType DeleteSourceDialog::sourceType() const
{
    return static_cast<SourceType>(m_type->currentData().toInt());
}

QString DeleteSourceDialog::sourceId() const
{
    return m_sourceId->text().trimmed();
}

QString DeleteSourceDialog::reason() const
{
    return m_reason->text();
}

QString DeleteSourceDialog::sourceIdError() const
{
    const Status status = Validation::requiredText(tr("The source id"), sourceId(), Validation::MaxIdLength);
    return status ? QString() : status.error().message;
}

void DeleteSourceDialog::invalidatePreview()
{
    ++m_generation; // a preview on its way is for the source as it was
    m_loading = false;
    m_loadError.clear();
    m_preview.reset();
    m_rowModel->setTransactions({});
    m_effectModel->setEffects({});
    refresh();
}

void DeleteSourceDialog::runPreview()
{
    m_sourceTouched = true;
    if (!sourceIdError().isEmpty()) {
        refresh();
        return;
    }
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_loadError.clear();
    refresh();
    const SourceType type = sourceType();
    const QString id = sourceId();
    session()->interactive()->post<SourceQuery::Preview>(
        this, PreviewJobs::ofSource(type, id, PreviewLimit),
        [this, generation](const Result<SourceQuery::Preview> &preview) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!preview) {
                m_loadError = preview.error().message;
                m_preview.reset();
            } else {
                m_preview = *preview;
            }
            m_rowModel->setTransactions(preview ? preview->rows : QList<XpTransaction>());
            m_effectModel->setEffects(preview ? preview->effects : QList<UserEffect>());
            QHash<QString, QString> labels;
            for (const UserEffect &effect : m_effectModel->effects())
                labels.insert(effect.userId, XpFormat::user(effect.userId, effect.name, effect.email));
            m_rowModel->setUserLabels(labels);
            m_rowTable->updateGeometry();
            m_effectTable->updateGeometry();
            refresh();
        });
}

void DeleteSourceDialog::refresh()
{
    m_sourceNote->setError(m_sourceTouched ? sourceIdError() : QString());
    const bool found = m_preview && m_preview->transactions > 0;
    const int negative = m_effectModel->negativeCount();
    const int overflow = m_effectModel->overflowCount();

    if (m_loading) {
        m_summary->setText(tr("Reading the transactions of this source…"));
    } else if (!m_preview) {
        m_summary->setText(tr("Enter the source, then Preview to see every transaction it has."));
    } else if (!found) {
        m_summary->clear(); // the message band says it, as a refusal
    } else {
        QString summary = m_preview->users == 1
            ? tr("%1 of 1 user, %2 XP in all.")
                  .arg(ActionText::transactions(m_preview->transactions), XpFormat::signedAmount(m_preview->total))
            : tr("%1 of %2 users, %3 XP in all.")
                  .arg(ActionText::transactions(m_preview->transactions), XpFormat::total(m_preview->users),
                       XpFormat::signedAmount(m_preview->total));
        if (m_preview->transactions > m_preview->rows.size())
            summary += QLatin1Char(' ') + tr("The first %1 are listed.").arg(XpFormat::total(m_preview->rows.size()));
        m_summary->setText(summary);
    }

    if (!m_loadError.isEmpty())
        m_status->showMessage(InlineMessage::Kind::Error, tr("The source could not be read: %1").arg(m_loadError));
    else if (m_preview && !found)
        m_status->showMessage(InlineMessage::Kind::Error,
                              tr("No transaction has the source %1 %2: there is nothing to delete. Check the source "
                                 "type and id as the history shows them.")
                                  .arg(XpEnums::label(sourceType()), Validation::quoted(sourceId())));
    else if (found && !m_preview->closed.isEmpty())
        m_status->showMessage(
            InlineMessage::Kind::Error,
            tr("%1. Until then this source cannot be deleted.").arg(ActionText::sentence(m_preview->closed)));
    else if (found && overflow > 0)
        m_status->showMessage(InlineMessage::Kind::Error,
                              tr("This would take a total past the limit of what the ledger can hold; the source "
                                 "cannot be deleted."));
    else if (found && negative > 0)
        m_status->showMessage(
            InlineMessage::Kind::Warning,
            tr("After this, %Ln user(s) have a negative total (in red above). That is allowed, but check that it "
               "is what you mean.",
               nullptr, static_cast<int>(negative)));
    else
        m_status->clear();

    if (found)
        setConfirmText(negative > 0 ? tr("Delete anyway")
                                    : tr("Delete %1").arg(ActionText::transactions(m_preview->transactions)));
    else
        setConfirmText(tr("Delete"));
    setConfirmable(found && overflow == 0 && m_preview->closed.isEmpty() && m_reason->isValid());
}

void DeleteSourceDialog::confirm()
{
    m_reason->revealError();
    refresh();
    if (!m_preview || m_preview->transactions == 0 || !m_reason->isValid())
        return;
    clearError();
    const SourceType type = sourceType();
    const QString id = sourceId();
    const QString reason = m_reason->text();
    submit([type, id, reason](Ledger &ledger) { return ledger.deleteSource(type, id, reason); },
           tr("The source was not deleted"));
}
