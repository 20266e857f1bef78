#pragma once

#include "core/domain/XpTransaction.h"
#include "core/preview/SourceQuery.h"
#include "ui/actions/ActionDialog.h"

#include <optional>

class CompactTable;
class FieldNote;
class InlineMessage;
class QComboBox;
class QLabel;
class QLineEdit;
class ReasonField;
class TransactionListModel;
class UserEffectModel;

// Delete source: every transaction of one (source type, source id), across users, as when the
// source entity is deleted. The transactions and their effect on each user are previewed before
// the deletion can be confirmed; any change to the source asks for a new preview.
class DeleteSourceDialog final : public ActionDialog
{
    Q_OBJECT

public:
    DeleteSourceDialog(LedgerSession *session, const std::optional<XpTransaction> &prefill = std::nullopt,
                       QWidget *parent = nullptr);

    // The source entered, and the reason typed, as they will be used.
    SourceType sourceType() const;
    QString sourceId() const;
    QString reason() const;
    // The preview of the source currently entered, once read.
    const std::optional<SourceQuery::Preview> &preview() const { return m_preview; }
    // The previewed rows and each user's effect.
    TransactionListModel *transactionModel() const { return m_rowModel; }
    UserEffectModel *effectModel() const { return m_effectModel; }
    QPushButton *previewButton() const { return m_previewButton; }
    // Reads every transaction of the source entered (the Preview button).
    void runPreview();

protected:
    void confirm() override;

private:
    void invalidatePreview();
    void refresh();
    QString sourceIdError() const;

    static constexpr int PreviewLimit = 500;

    TransactionListModel *m_rowModel;
    UserEffectModel *m_effectModel;
    QComboBox *m_type = nullptr;
    QLineEdit *m_sourceId = nullptr;
    FieldNote *m_sourceNote = nullptr;
    QPushButton *m_previewButton = nullptr;
    QLabel *m_summary = nullptr;
    CompactTable *m_rowTable = nullptr;
    CompactTable *m_effectTable = nullptr;
    InlineMessage *m_status = nullptr;
    ReasonField *m_reason = nullptr;
    std::optional<SourceQuery::Preview> m_preview;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_sourceTouched = false;
    QString m_loadError;
};
