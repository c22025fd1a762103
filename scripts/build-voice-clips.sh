#!/usr/bin/env bash
# build-voice-clips.sh — synthesise the display board's Vietnamese call-announcement clips.
#
# DEV-TIME ONLY. Users and CI never run this: its output (src/web/public/voice/**) is committed,
# and the board plays those files offline. See docs/voice.md.
#
# What it makes (Vite copies src/web/public to the build root, so they are served at /voice/…):
#   src/web/public/voice/chime.ogg          two-tone "ding-dong" (sox synth)
#   src/web/public/voice/vi/<id>.ogg        one clip per phrase, digit, counter number, letter
#   src/web/public/voice/vi/manifest.json   { clips: id → file (relative to the manifest),
#                                             texts: id → what the clip says }
# The clip ids and texts must match src/web/features/display/voice/compose.ts;
# scripts/voice-clips.test.ts checks that every id compose can produce exists here.
#
# To regenerate (Debian 12 packages; the script installs nothing itself):
#   apt-get install -y espeak-ng sox
#   bash scripts/build-voice-clips.sh
# `sox` pulls in libsox-fmt-base, which reads/writes Ogg Vorbis; libsox-fmt-all (MP3 via LAME)
# and ffmpeg are NOT needed. MBROLA voices are not used (no Vietnamese MBROLA voice exists).
# Knobs (environment): VOICE (default vi+f3: Northern Vietnamese, female variant 3),
# SPEED (words/min, 145: a calm announcement pace, ~3.5 syllables/s), PITCH (0–99, 60),
# RANGE (SSML prosody range, x-high: widens espeak's pitch range, which makes its otherwise
# timid tone contours — the meaning of Vietnamese syllables — clearly distinct: measured
# with an F0 track, huyền "mười" falls ~160→128 Hz below a level "ba" at ~180 Hz, sắc "sáu"
# rises ~170→227 Hz; with the default range the differences are about half that),
# QUALITY (Vorbis -1…10, 2 ≈ 40 kb/s at 22.05 kHz mono).
#
# Replacing the robot with a recorded human voice (recommended when the center can):
#   1. Record each text listed in manifest.json "texts" (one take per clip, quiet room,
#      same speaker and distance; a phone is fine). Any format sox reads (WAV, FLAC).
#   2. Name each recording <id>.wav in one folder, then run
#        HUMAN_DIR=/path/to/folder bash scripts/build-voice-clips.sh
#      Clips with a recording there are made from it (same trimming, loudness, mono, 22.05 kHz,
#      Ogg Vorbis) instead of espeak-ng; the others stay synthetic. File names stay <id>.ogg, so
#      nothing else changes. (Or drop finished <id>.ogg files in place by hand: same names.)
#   Operators of the board itself install nothing: the clips ship with the web app.
#
# Checking without ears: the script prints each clip's duration (soxi) and the IPA espeak-ng
# uses (`espeak-ng -v vi -q --ipa TEXT`): Vietnamese tones show as digits (1/7 ngang,
# 2 huyền, ɜ sắc, 4 hỏi, 5 ngã, 6 nặng).
set -euo pipefail

cd "$(dirname "$0")/.."
VOICE="${VOICE:-vi+f3}"
SPEED="${SPEED:-145}"
PITCH="${PITCH:-60}"
RANGE="${RANGE:-x-high}"
QUALITY="${QUALITY:-2}"
HUMAN_DIR="${HUMAN_DIR:-}"
RATE=22050
OUT_ROOT="src/web/public/voice"
OUT="$OUT_ROOT/vi"

for tool in espeak-ng sox soxi; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y espeak-ng sox" >&2; exit 1; }
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.ogg

# id|text (what the clip says, NFC)|espeak input when it must differ from the text
CLIPS=$(cat <<'EOF'
moi-cong-dan-co-so-thu-tu|Mời công dân có số thứ tự|
den-quay-so|đến quầy số|
xin-moi|Xin mời|
0|không|
1|một|
2|hai|
3|ba|
4|bốn|
5|năm|
6|sáu|
7|bảy|
8|tám|
9|chín|
10|mười|
11|mười một|
12|mười hai|
13|mười ba|
14|mười bốn|
15|mười lăm|
16|mười sáu|
17|mười bảy|
18|mười tám|
19|mười chín|
20|hai mươi|
21|hai mươi mốt|
22|hai mươi hai|
23|hai mươi ba|
24|hai mươi tư|
25|hai mươi lăm|
26|hai mươi sáu|
27|hai mươi bảy|
28|hai mươi tám|
29|hai mươi chín|
30|ba mươi|
tens-muoi|mươi|
unit-mot|mốt|
unit-tu|tư|
unit-lam|lăm|
a|a|
b|bê|
c|xê|
d|dê|
dd|đê|
e|e|
f|ép|
g|giê|
h|hát|
i|i|
j|gi|di
k|ca|
l|e-lờ|e lờ
m|em-mờ|em mờ
n|en-nờ|en nờ
o|o|
p|pê|
q|quy|
r|e-rờ|e rờ
s|ét-sì|ét sì
t|tê|
u|u|
v|vê|
w|vê kép|
x|ích-xì|ích xì
y|i dài|
z|dét|
EOF
)

# Loudness: bring each clip's loudest 50 ms RMS window to TARGET_DB, with a limiter so the
# peaks never clip. Speech clips of any length then sound equally loud one after another.
TARGET_DB=-13
finish() { # finish IN.wav OUT.ogg
  local in="$1" out="$2" cut="$TMP/cut.wav" trimmed="$TMP/trimmed.wav" rmspk gain
  # mono, 22.05 kHz, trim leading/trailing silence (-45 dB), then 20/40 ms of air, soft edges
  sox "$in" -r "$RATE" -c 1 -b 16 "$cut" highpass 70 \
    silence 1 0.01 -45d reverse silence 1 0.01 -45d reverse
  sox "$cut" "$trimmed" fade t 0.005 -0 0.02 pad 0.02 0.04
  rmspk=$(sox "$trimmed" -n stats 2>&1 | awk '/RMS Pk dB/ {print $4}')
  gain=$(awk -v t="$TARGET_DB" -v r="$rmspk" 'BEGIN { printf "%.2f", t - r }')
  sox "$trimmed" -C "$QUALITY" "$out" gain -l "$gain"
}

printf 'chime\t../chime.ogg\t\n' > "$TMP/list.tsv"
printf '%-28s %-22s %7s %6s  %s\n' id text seconds bytes ipa
while IFS='|' read -r id text input; do
  [ -n "$id" ] || continue
  input="${input:-$text}"
  if [ -n "$HUMAN_DIR" ] && [ -f "$HUMAN_DIR/$id.wav" ]; then
    finish "$HUMAN_DIR/$id.wav" "$OUT/$id.ogg"
    ipa="(recorded)"
  else
    espeak-ng -m -v "$VOICE" -s "$SPEED" -p "$PITCH" -a 70 -w "$TMP/raw.wav" \
      "<speak><prosody range=\"$RANGE\">$input</prosody></speak>"
    finish "$TMP/raw.wav" "$OUT/$id.ogg"
    ipa=$(espeak-ng -v vi -q --ipa "$input" | tr -d '\n')
  fi
  printf '%-28s %-22s %7.2f %6d  %s\n' "$id" "$text" "$(soxi -D "$OUT/$id.ogg")" "$(stat -c %s "$OUT/$id.ogg")" "$ipa"
  printf '%s\t%s\t%s\n' "$id" "$id.ogg" "$text" >> "$TMP/list.tsv"
done <<< "$CLIPS"

# Chime: two bell-like tones, E5 then C5 (a falling major third, the usual "ding-dong"), each a
# fundamental plus a quieter octave partial, a fast attack and a half-sine decay; the second
# strikes while the first still rings, and the silent end of the decay is trimmed.
tone() { # tone FREQ SECONDS OUT.wav
  sox -n -r "$RATE" -c 2 "$TMP/tone2.wav" synth "$2" sine "$1" sine "$(awk -v f="$1" 'BEGIN { print f * 2 }')"
  sox "$TMP/tone2.wav" -c 1 "$3" remix 1v0.8,2v0.2 fade h 0.01 -0 "$(awk -v s="$2" 'BEGIN { print s - 0.02 }')"
}
tone 659.25 0.9 "$TMP/ding.wav"
tone 523.25 1.1 "$TMP/dong.wav"
sox "$TMP/dong.wav" "$TMP/dong-late.wav" pad 0.5 0
sox -m "$TMP/ding.wav" "$TMP/dong-late.wav" -r "$RATE" -c 1 "$TMP/chime.wav" reverse silence 1 0.01 -50d reverse
sox "$TMP/chime.wav" -C "$QUALITY" "$OUT_ROOT/chime.ogg" gain -n -3
printf '%-28s %-22s %7.2f %6d\n' chime "(ding-dong)" "$(soxi -D "$OUT_ROOT/chime.ogg")" "$(stat -c %s "$OUT_ROOT/chime.ogg")"

generator="espeak-ng $(espeak-ng --version | awk '{print $4}') -v $VOICE -s $SPEED -p $PITCH, range $RANGE; sox trim/loudness; Ogg Vorbis q$QUALITY"
[ -z "$HUMAN_DIR" ] || generator="$generator; recordings from HUMAN_DIR where present"
GENERATOR="$generator" node -e '
  const fs = require("fs");
  const rows = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split("\t"));
  const manifest = {
    version: 1,
    lang: "vi",
    generator: process.env.GENERATOR,
    clips: Object.fromEntries(rows.map(([id, file]) => [id, file])),
    texts: Object.fromEntries(rows.map(([id, , text]) => [id, (text ?? "").normalize("NFC")])),
  };
  fs.writeFileSync(process.argv[2], JSON.stringify(manifest, null, 2) + "\n");
' "$TMP/list.tsv" "$OUT/manifest.json"

total=$(du -cb "$OUT"/*.ogg "$OUT_ROOT/chime.ogg" "$OUT/manifest.json" | tail -1 | cut -f1)
echo "total: $total bytes in $(ls "$OUT"/*.ogg | wc -l) clips + chime + manifest"
[ "$total" -lt 1572864 ] || { echo "over the 1.5 MB budget" >&2; exit 1; }
