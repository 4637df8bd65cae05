// The workstation side of the session handshake (core/access/credential.cpp: authenticate() and
// authenticateSignedNonce(), docs/protocol.md §6.2-6.6) and the sealed frames after it, through
// the real Client (protocols/client.cpp: frame decoder, sequence and retransmission handling,
// the seal, the error-response parser) against a fake board on a fake link.
//
// The fake board is deterministic and answers from the input. It holds a fixed identity key
// (below, made for this target only) and the workstation uses the genuine development credential
// (resources/dev-access/dev-factory.ptcred), so a genuine answer passes the signature checks and
// the fuzzer reaches what lies behind them: the proof's answer, the key derivation, sealed frames.
//
// Input: byte 0 picks the handshake: bit 0 the signed-nonce mode (§6.6) instead of the sealed
// one, bit 1 a host pin that refuses the board's identity. Then, for each request the
// workstation sends, one answer:
//   u8 op, then per op:
//   0 genuine           the board's correct answer (for requests after the handshake: the
//                       answer's status and plain payload as in op 3, sealed with the session key)
//   1 flip   u16 bit    the genuine answer's frame with one bit flipped (CRC made right again
//                       when bit 15 of the u16 is set: the change reaches the parser or the seal)
//   2 cut    u16 len    the genuine answer's frame cut to len bytes
//   3 plain  u8 status, u16 len, payload  an unsealed answer with that status and payload
//   4 raw    u16 len, bytes               bytes as they are (any frames, any sequence numbers)
//   5 stray             the genuine answer with another sequence number
//   6 replay            the previous answer again (same counter, same tag)
//   7 silent            no answer: the link reports the input exhausted
// The link has nothing more to read when the input runs out (ErrorKind::Link at once, no
// timeout). A RATE_LIMITED answer to AUTH_HELLO asks for 60 s, so authenticate() refuses it at
// once instead of sleeping (its wait is measured in e2e.auth-rate).
//
// After a successful handshake the workstation sends up to 4 requests (INFO, REGIONS,
// UPDATE_STATUS, CONFIG_GET, chosen by the input) and parses their answers.
// Checks: no crash; every refusal is explained; a granted role is 1..3.
#include "fuzz_host.h"

#include "access/credential.h"
#include "client.h"
#include "frame.h"
#include "package/keys.h"
#include "responses.h"

#include <QCryptographicHash>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <memory>

namespace {

using namespace piton;

constexpr char kBoardKeyPem[] = "-----BEGIN PRIVATE KEY-----\n"
                                "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgCnovPA8l0tKR6sbP\n"
                                "QPgBJeLwTYQMD7n+xiRfT8OwrvKhRANCAAQskxO4GuOwNy6MLmyejoQCuvt378xz\n"
                                "yqmgrQNt+cEBHtFddz8TMVukGgykK4rWRVBktFOzbevdM4HlZv8D8Xk5\n"
                                "-----END PRIVATE KEY-----\n";
const QByteArray kSpkiPrefix = QByteArray::fromHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");

struct Fixed {
    CredentialFile credential;
    PrivateKey boardKey;
    QByteArray boardPoint; // identity and ephemeral point (the same key: the host cannot tell)
};

const Fixed &fixed()
{
    static const Fixed f = [] {
        Fixed x;
        auto c = loadCredentialFile(QStringLiteral(PITON_SOURCE_DIR "/resources/dev-access/dev-factory.ptcred"));
        auto k = PrivateKey::fromPem(kBoardKeyPem);
        if (!c || !k)
            std::abort();
        x.credential = *c;
        x.boardKey = *k;
        x.boardPoint = k->publicKey().derSpki().right(65);
        return x;
    }();
    return f;
}

QByteArray sha256(const QByteArray &b) { return QCryptographicHash::hash(b, QCryptographicHash::Sha256); }

// The board's side of ECDH. The workstation's point is imported as key data (EVP_PKEY_fromdata,
// which checks that it lies on the curve) rather than decoded from a SubjectPublicKeyInfo:
// d2i_PUBKEY sets up OpenSSL 3's decoder chain on every call, a sixth of the target's time.
QByteArray ecdh(const PrivateKey &key, const QByteArray &point)
{
    static EVP_PKEY_CTX *const importer = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    QByteArray pub = point;
    char group[] = "prime256v1";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
                                 OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, pub.data(), size_t(pub.size())),
                                 OSSL_PARAM_construct_end()};
    EVP_PKEY *imported = nullptr;
    if (!importer || EVP_PKEY_fromdata_init(importer) <= 0
        || EVP_PKEY_fromdata(importer, &imported, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM *>(params)) <= 0)
        imported = nullptr;
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> peer(imported, EVP_PKEY_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new(key.evp(), nullptr), EVP_PKEY_CTX_free);
    QByteArray z(32, '\0');
    size_t zl = 32;
    if (!peer || !ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 || EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) <= 0
        || EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char *>(z.data()), &zl) <= 0 || zl != 32)
        return {};
    return z;
}

QByteArray hkdf64(const QByteArray &salt, const QByteArray &ikm, const QByteArray &info)
{
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr), EVP_PKEY_CTX_free);
    QByteArray out(64, '\0');
    size_t n = 64;
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 || EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) <= 0
        || EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), reinterpret_cast<const unsigned char *>(salt.data()), int(salt.size())) <= 0
        || EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), reinterpret_cast<const unsigned char *>(ikm.data()), int(ikm.size())) <= 0
        || EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), reinterpret_cast<const unsigned char *>(info.data()), int(info.size())) <= 0
        || EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &n) <= 0)
        return {};
    return out;
}

/** AES-256-GCM of the board's sealed answer (docs/protocol.md §6.4): u64 counter, ciphertext, tag. */
QByteArray sealAnswer(const QByteArray &key, quint64 counter, const QByteArray &header, const QByteArray &plain)
{
    QByteArray iv;
    appendLe32(iv, 1); // device to host
    appendLe32(iv, quint32(counter));
    appendLe32(iv, quint32(counter >> 32));
    QByteArray out;
    appendLe32(out, quint32(counter));
    appendLe32(out, quint32(counter >> 32));
    QByteArray ct(plain.size(), '\0'), tag(16, '\0');
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> c(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    auto u = [](const QByteArray &b) { return reinterpret_cast<const unsigned char *>(b.constData()); };
    if (!c || EVP_EncryptInit_ex(c.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) != 1
        || EVP_EncryptInit_ex(c.get(), nullptr, nullptr, u(key), u(iv)) != 1
        || EVP_EncryptUpdate(c.get(), nullptr, &len, u(header), int(header.size())) != 1
        || (!plain.isEmpty() && EVP_EncryptUpdate(c.get(), reinterpret_cast<unsigned char *>(ct.data()), &len, u(plain), int(plain.size())) != 1)
        || EVP_EncryptFinal_ex(c.get(), nullptr, &len) != 1
        || EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_GET_TAG, 16, tag.data()) != 1)
        std::abort();
    return out + ct + tag;
}

struct Input {
    const uint8_t *p;
    size_t n;
    bool empty() const { return n == 0; }
    quint8 u8()
    {
        if (!n)
            return 0;
        --n;
        return *p++;
    }
    quint16 u16() { return quint16(u8() | (u8() << 8)); }
    QByteArray take(size_t want)
    {
        const size_t k = std::min(want, n);
        QByteArray b(reinterpret_cast<const char *>(p), qsizetype(k));
        p += k;
        n -= k;
        return b;
    }
};

/** The fake board behind the Link interface. */
class FuzzLink final : public Link {
public:
    explicit FuzzLink(Input &in) : m_in(in) {}
    Result<void> open() override { m_open = true; return {}; }
    void close() override { m_open = false; }
    bool isOpen() const override { return m_open; }
    QString describe() const override { return QStringLiteral("fuzz link"); }
    quint32 preferredMaxPayload() const override { return 4096; }

    Result<void> write(const QByteArray &bytes) override
    {
        m_decoder.feed(bytes);
        while (std::optional<Frame> f = m_decoder.next())
            if (!m_in.empty())
                m_pending += answer(*f);
        return {};
    }
    Result<QByteArray> read(int) override
    {
        if (m_pending.isEmpty())
            return Error::make(ErrorKind::Link, QStringLiteral("fuzz: the input is exhausted"));
        return std::exchange(m_pending, {});
    }

private:
    QByteArray frame(const Frame &req, quint8 status, const QByteArray &payload, bool sealed = false)
    {
        Frame f{req.command, req.sequence, quint8(PT_FRAME_FLAG_RESPONSE | (sealed ? PT_FRAME_FLAG_SEALED : 0)), status, payload};
        return encodeFrame(f);
    }

    /** The plain status and payload op 3 reads, for answers the board makes up. */
    QByteArray fromInput(const Frame &req, bool seal)
    {
        const quint8 status = m_in.u8();
        QByteArray payload = m_in.take(m_in.u16() % 1024);
        if (req.command == PT_CMD_AUTH_HELLO && status == PT_E_RATE_LIMITED) {
            const qsizetype nul = payload.indexOf('\0');
            payload = payload.left(nul < 0 ? payload.size() : nul).append('\0');
            appendLe32(payload, 60000);
        }
        if (!seal || !m_sealed)
            return frame(req, status, payload);
        QByteArray header = frame(req, status, QByteArray(payload.size() + qsizetype(PT_SEAL_OVERHEAD), '\0'), true).left(PT_FRAME_HEADER_SIZE);
        return frame(req, status, sealAnswer(m_d2h, ++m_counter, header, payload), true);
    }

    QByteArray genuine(const Frame &req)
    {
        const Fixed &fx = fixed();
        switch (req.command) {
        case PT_CMD_AUTH_HELLO: {
            if (req.payload.size() != qsizetype(PT_AUTH_HELLO_SIZE))
                return frame(req, PT_E_BAD_REQUEST, "AUTH_HELLO size");
            m_sealed = false;
            m_hostEph = req.payload.mid(4, 65);
            const QByteArray m1 = QByteArray(PT_AUTH_LABEL_HELLO) + m_hostEph + fx.boardPoint + fx.boardPoint;
            m_t1 = sha256(m1);
            auto sig = fx.boardKey.sign(m1);
            if (!sig)
                std::abort();
            QByteArray r = fx.boardPoint + fx.boardPoint;
            r.append(char(sig->size())).append(*sig).append(int(PT_SIGNATURE_MAX) - int(sig->size()) + 1, '\0');
            return frame(req, PT_OK, r);
        }
        case PT_CMD_AUTH_PROOF: {
            if (req.payload.size() != qsizetype(PT_AUTH_PROOF_SIZE) || m_t1.isEmpty())
                return frame(req, PT_E_STATE, "AUTH_PROOF without AUTH_HELLO");
            const QByteArray cred = req.payload.left(PT_CRED_SIZE);
            const QByteArray m2 = QByteArray(PT_AUTH_LABEL_PROOF) + m_t1 + cred;
            const QByteArray keys = hkdf64(sha256(m2), ecdh(fx.boardKey, m_hostEph), QByteArray(PT_AUTH_LABEL_KEYS));
            QByteArray r(PT_AUTH_PROOF_RESPONSE_SIZE, '\0');
            r[0] = cred[PT_CRED_OFF_ROLE];
            if (keys.size() == 64) {
                m_d2h = keys.mid(32);
                m_sealed = true;
                m_counter = 0;
            }
            return frame(req, PT_OK, r);
        }
        case PT_CMD_AUTH_NONCE: {
            QByteArray r(PT_AUTH_NONCE_RESPONSE_SIZE, '\x5a');
            r[PT_AUTH_NONCE_SIZE] = 16;
            r[PT_AUTH_NONCE_SIZE + 1] = r[PT_AUTH_NONCE_SIZE + 2] = r[PT_AUTH_NONCE_SIZE + 3] = 0;
            return frame(req, PT_OK, r);
        }
        case PT_CMD_AUTH_SIGNED: {
            QByteArray r(PT_AUTH_SIGNED_RESPONSE_SIZE, '\0');
            r[0] = req.payload.size() > qsizetype(PT_CRED_OFF_ROLE) ? req.payload[PT_CRED_OFF_ROLE] : char(1);
            return frame(req, PT_OK, r);
        }
        default:
            return fromInput(req, true);
        }
    }

    QByteArray answer(const Frame &req)
    {
        QByteArray out;
        switch (m_in.u8() % 8) {
        case 0: out = genuine(req); break;
        case 1: {
            out = genuine(req);
            const quint16 v = m_in.u16();
            const qsizetype bit = qsizetype(v & 0x7fff) % (out.size() * 8);
            out[bit / 8] = char(out[bit / 8] ^ (1 << (bit % 8)));
            if ((v & 0x8000) && out.size() >= qsizetype(PT_FRAME_OVERHEAD)) {
                std::optional<Frame> f = [&] { FrameDecoder d; d.feed(out); return d.next(); }();
                if (!f) { // the flip broke the CRC (or the header): re-encode what the header says
                    const quint32 n = readLe32(out, 8);
                    if (qsizetype(n) + qsizetype(PT_FRAME_OVERHEAD) == out.size())
                        out = encodeFrame(Frame{quint8(out[3]), readLe16(out, 4), quint8(out[6]), quint8(out[7]),
                                                out.mid(PT_FRAME_HEADER_SIZE, qsizetype(n))});
                }
            }
            break;
        }
        case 2: out = genuine(req); out.truncate(m_in.u16() % (out.size() + 1)); break;
        case 3: out = fromInput(req, false); break;
        case 4: out = m_in.take(m_in.u16() % 1024); break;
        case 5: {
            Frame other = req;
            other.sequence = quint16(req.sequence + 1 + m_in.u8());
            out = genuine(other);
            break;
        }
        case 6: out = m_last; break;
        default: m_in.n = 0; break;
        }
        m_last = out;
        return out;
    }

    Input &m_in;
    bool m_open = false;
    FrameDecoder m_decoder;
    QByteArray m_pending, m_last;
    QByteArray m_hostEph, m_t1, m_d2h;
    bool m_sealed = false;
    quint64 m_counter = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const Fixed &fx = fixed();
    Input in{data + 1, size - 1};
    const quint8 mode = data[0];
    Client client(std::make_unique<FuzzLink>(in));
    client.setRetransmitTimeoutMs(0);
    if (!client.link()->open())
        return 0;
    Result<int> role = (mode & 1) ? authenticateSignedNonce(client, fx.credential)
                                  : authenticate(client, fx.credential, nullptr, [mode](const QByteArray &) -> Result<void> {
                                        if (mode & 2)
                                            return Error::make(ErrorKind::Verify, QStringLiteral("pinned: another board"));
                                        return {};
                                    });
    fuzz::requireExplained(role);
    if (!role)
        return 0;
    fuzz::require(*role >= PT_ROLE_OBSERVER && *role <= PT_ROLE_FACTORY);
    // The sealed requests a session starts with, and the parsers of their answers.
    static const struct {
        quint8 command;
        QByteArray payload;
        Error (*parse)(const QByteArray &);
    } kRequests[] = {
        {PT_CMD_INFO, {}, [](const QByteArray &b) { auto r = parseInfoResponse(b); return r ? Error{} : r.error(); }},
        {PT_CMD_REGIONS, {}, [](const QByteArray &b) { auto r = parseRegionsResponse(b); return r ? Error{} : r.error(); }},
        {PT_CMD_UPDATE_STATUS, {}, [](const QByteArray &b) { auto r = parseStagingStatusResponse(b); return r ? Error{} : r.error(); }},
        {PT_CMD_CONFIG_GET, QByteArrayLiteral("serial"), nullptr},
    };
    for (int i = 0; i < 4 && !in.empty(); ++i) {
        const auto &q = kRequests[in.u8() % 4];
        auto r = client.call(q.command, q.payload, 1000);
        fuzz::requireExplained(r);
        if (r && q.parse) {
            const Error e = q.parse(*r);
            fuzz::require(!e.isError() || !e.message.isEmpty());
        }
    }
    return 0;
}
